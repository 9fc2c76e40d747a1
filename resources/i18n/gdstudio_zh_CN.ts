<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Analysis</name>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="226"/>
        <source>&amp;Analyze</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="233"/>
        <source>&amp;Critical points</source>
        <translation>临界点(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="235"/>
        <source>&amp;Basins of attraction...</source>
        <translation>吸引域(&amp;B)...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="236"/>
        <source>&amp;Learning-rate sweep...</source>
        <translation>学习率扫描(&amp;L)...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="237"/>
        <source>&amp;Fair race...</source>
        <translation>公平比赛(&amp;F)...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="238"/>
        <source>&amp;Stochastic view (batch vs full gradient)</source>
        <translation>随机视图（小批量梯度与全梯度）(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="241"/>
        <source>&amp;Neural-network landscape...</source>
        <translation>神经网络损失地形(&amp;N)...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="242"/>
        <source>&amp;Import loss landscape (.h5)...</source>
        <translation>导入损失地形 (.h5)(&amp;I)...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="244"/>
        <source>Clear analysis overlays</source>
        <translation>清除分析叠加层</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="340"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="358"/>
        <source>Analysis failed</source>
        <translation>分析失败</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="362"/>
        <source>Analysis cancelled.</source>
        <translation>分析已取消。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="391"/>
        <source>%1 minimum</source>
        <translation>%1 个极小值点</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="391"/>
        <source>%1 saddle</source>
        <translation>%1 个鞍点</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="392"/>
        <source>%1 maximum</source>
        <translation>%1 个极大值点</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="392"/>
        <source>%1 degenerate</source>
        <translation>%1 个退化点</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="394"/>
        <source>Critical points: %1 (hover for details)</source>
        <translation>临界点：%1（鼠标悬停可查看详情）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="395"/>
        <source>none in the window</source>
        <translation>窗口内没有临界点</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="431"/>
        <source>Basins of attraction</source>
        <translation>吸引域</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="432"/>
        <source>starts per axis</source>
        <translation>每轴起点数</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="433"/>
        <location filename="../../gdstudio/gui/features/analysis.py" line="484"/>
        <location filename="../../gdstudio/gui/features/analysis.py" line="539"/>
        <source>steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="449"/>
        <source>Basins of %1 (%2), %3 x %3 starts, %4 steps</source>
        <translation>%1（%2）的吸引域，%3 x %3 个起点，%4 步</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="465"/>
        <source>diverged: %1%</source>
        <translation>发散：%1%</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="469"/>
        <source>not converged: %1%</source>
        <translation>未收敛：%1%</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="473"/>
        <source>Basin map: %1 minima, %2 steps per start.</source>
        <translation>吸引域图：%1 个极小值点，每个起点 %2 步。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="480"/>
        <location filename="../../gdstudio/gui/features/analysis.py" line="497"/>
        <source>Learning-rate sweep</source>
        <translation>学习率扫描</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="481"/>
        <location filename="../../gdstudio/gui/features/analysis.py" line="542"/>
        <source>smallest lr</source>
        <translation>最小 lr</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="482"/>
        <location filename="../../gdstudio/gui/features/analysis.py" line="543"/>
        <source>largest lr</source>
        <translation>最大 lr</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="483"/>
        <location filename="../../gdstudio/gui/features/analysis.py" line="544"/>
        <source>learning rates</source>
        <translation>学习率个数</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="505"/>
        <source>Sweeping %1 learning rates of %2 (%3)</source>
        <translation>正在扫描 %2（%3）的 %1 个学习率</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="526"/>
        <source>lr %1 (smallest)</source>
        <translation>lr %1（最小）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="527"/>
        <source>lr %1 (best)</source>
        <translation>lr %1（最佳）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="528"/>
        <source>lr %1 (largest)</source>
        <translation>lr %1（最大）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="540"/>
        <source>evaluations (loss and gradient; a Hessian one more)</source>
        <translation>求值次数（损失与梯度算一次；海森矩阵再算一次）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="541"/>
        <location filename="../../gdstudio/gui/features/analysis.py" line="563"/>
        <location filename="../../gdstudio/gui/features/analysis.py" line="569"/>
        <source>Fair race</source>
        <translation>公平比赛</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="545"/>
        <source>same budget of</source>
        <translation>相同的预算</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="546"/>
        <source>steps or evaluations per run</source>
        <translation>每个运行的步数或求值次数</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="564"/>
        <source>The smallest learning rate must be below the largest.</source>
        <translation>最小学习率必须小于最大学习率。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="579"/>
        <source>fair race</source>
        <translation>公平比赛</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="583"/>
        <source>Fair race: %1 learning rates for each of %2 runs</source>
        <translation>公平比赛：%2 个运行各试 %1 个学习率</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="594"/>
        <source>%1 diverged at every lr</source>
        <translation>%1 在每个学习率下都发散</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="596"/>
        <source>Fair race, the same %1 steps for every run; tuned lr: %2</source>
        <translation>公平比赛，每个运行都是 %1 步；调好的学习率：%2</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="598"/>
        <source>Fair race, the same %1 evaluations for every run; tuned lr: %2</source>
        <translation>公平比赛，每个运行都是 %1 次求值；调好的学习率：%2</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="642"/>
        <source>This surface has no data rows: every step uses the exact gradient (angle 0°).</source>
        <translation>该曲面没有数据行：每一步都使用精确梯度（夹角 0°）。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="654"/>
        <source>&lt;b&gt;%1&lt;/b&gt;, step %2 → %3: batch of %4 of %5 rows (epoch %6, slice %7 of %8).</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;，第 %2 → %3 步：小批量取 %5 行中的 %4 行（第 %6 轮，第 %7/%8 片）。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="657"/>
        <source>Angle between the batch gradient and the full gradient: &lt;b&gt;%1°&lt;/b&gt;.</source>
        <translation>小批量梯度与全梯度之间的夹角：&lt;b&gt;%1°&lt;/b&gt;。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="659"/>
        <source>&lt;span style=&apos;color:#F0E442&apos;&gt;Dashed yellow&lt;/span&gt;: the batch&apos;s loss; white: the full loss.</source>
        <translation>&lt;span style=&apos;color:#F0E442&apos;&gt;黄色虚线&lt;/span&gt;：小批量的损失；白色：完整损失。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="689"/>
        <source>PCA plane of the training trajectory</source>
        <translation>训练轨迹的 PCA 平面</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="690"/>
        <source>filter-normalised random directions</source>
        <translation>滤波器归一化的随机方向</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="691"/>
        <source>Neural-network landscape</source>
        <translation>神经网络损失地形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="692"/>
        <source>plane</source>
        <translation>平面</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="693"/>
        <source>training epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="694"/>
        <source>grid points per axis</source>
        <translation>每轴网格点数</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="723"/>
        <source>Training an MLP on Iris and mapping its loss plane (PCA)</source>
        <translation>正在 Iris 上训练 MLP 并计算其损失平面（PCA）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="725"/>
        <source>Training an MLP on Iris and mapping its loss plane (random directions)</source>
        <translation>正在 Iris 上训练 MLP 并计算其损失平面（随机方向）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="734"/>
        <source>Iris MLP loss landscape: PCA plane of training (%1% + %2% of the path)</source>
        <translation>Iris MLP 损失地形：训练轨迹的 PCA 平面（解释了路径的 %1% + %2%）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="737"/>
        <source>Iris MLP loss landscape: filter-normalised random directions</source>
        <translation>Iris MLP 损失地形：滤波器归一化的随机方向</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="739"/>
        <source>The loss of a small neural network on a plane through its trained weights w* (Li et al. 2018).</source>
        <translation>小型神经网络在一个经过其训练所得权重 w* 的平面上的损失（Li 等，2018）。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="751"/>
        <source>Adam training path (projected)</source>
        <translation>Adam 训练路径（投影）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="759"/>
        <location filename="../../gdstudio/gui/features/analysis.py" line="763"/>
        <source>Import loss landscape</source>
        <translation>导入损失地形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="760"/>
        <source>Reading .h5 loss landscapes needs the optional h5py package: pip install &quot;gdstudio[landscape]&quot;</source>
        <translation>读取 .h5 损失景观需要可选的 h5py 包：pip install &quot;gdstudio[landscape]&quot;</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="764"/>
        <source>loss-landscape surfaces (*.h5 *.hdf5)</source>
        <translation>损失地形曲面 (*.h5 *.hdf5)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="775"/>
        <source>Cannot import loss landscape</source>
        <translation>无法导入损失地形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="777"/>
        <source>Loss landscape: %1</source>
        <translation>损失地形：%1</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="795"/>
        <source>Cannot show the landscape</source>
        <translation>无法显示损失地形</translation>
    </message>
</context>
<context>
    <name>CaptionPanel</name>
    <message>
        <location filename="../../gdstudio/gui/features/lessons.py" line="46"/>
        <source>◀ Previous</source>
        <translation>◀ 上一课</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/lessons.py" line="47"/>
        <source>Previous lesson (Page Up)</source>
        <translation>上一课（Page Up）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/lessons.py" line="48"/>
        <source>Next ▶</source>
        <translation>下一课 ▶</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/lessons.py" line="49"/>
        <source>Next lesson (Page Down)</source>
        <translation>下一课（Page Down）</translation>
    </message>
</context>
<context>
    <name>ContourView</name>
    <message>
        <location filename="../../gdstudio/gui/views/contour_view.py" line="144"/>
        <source>minimum</source>
        <translation>极小值点</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/contour_view.py" line="145"/>
        <source>saddle</source>
        <translation>鞍点</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/contour_view.py" line="146"/>
        <source>maximum</source>
        <translation>极大值点</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/contour_view.py" line="147"/>
        <source>degenerate</source>
        <translation>退化点</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/contour_view.py" line="273"/>
        <source>loss (log-spaced)</source>
        <translation>损失（对数刻度）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/contour_view.py" line="274"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/contour_view.py" line="284"/>
        <source>known minima: </source>
        <translation>已知最小值点：</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/contour_view.py" line="355"/>
        <source>%1 before the change</source>
        <translation>%1（修改前）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/contour_view.py" line="402"/>
        <source>−gradient (scaled)</source>
        <translation>负梯度（已缩放）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/contour_view.py" line="404"/>
        <source>step applied</source>
        <translation>实际步长</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/contour_view.py" line="410"/>
        <source>SWA average</source>
        <translation>SWA 平均点</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/contour_view.py" line="411"/>
        <source>ASGD average (ax)</source>
        <translation>ASGD 平均点 (ax)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/contour_view.py" line="418"/>
        <source>loss evaluated inside the next step</source>
        <translation>下一步内部计算损失的位置</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/contour_view.py" line="422"/>
        <source>test loss (shifted)</source>
        <translation>测试损失（平移）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/contour_view.py" line="549"/>
        <source>diverged at step %1</source>
        <translation>在第 %1 步发散</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/contour_view.py" line="762"/>
        <source>%1 at (%2, %3)
loss = %4
Hessian eigenvalues = %5, %6</source>
        <translation>%1，位于 (%2, %3)
损失 = %4
Hessian 特征值 = %5, %6</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/contour_view.py" line="822"/>
        <source>current batch loss</source>
        <translation>当前小批量损失</translation>
    </message>
</context>
<context>
    <name>Forks</name>
    <message>
        <location filename="../../gdstudio/gui/draw/forks.py" line="65"/>
        <source>%1, after step %2: %3</source>
        <translation>%1，第 %2 步之后：%3</translation>
    </message>
</context>
<context>
    <name>GraphicsScene</name>
    <message>
        <location filename="../../gdstudio/gui/text/i18n.py" line="28"/>
        <source>Export...</source>
        <translation>导出...</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../gdstudio/gui/features/help.py" line="49"/>
        <source>gdstudio help</source>
        <translation>gdstudio 帮助</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/help.py" line="71"/>
        <source>Gradient Descent Studio</source>
        <translation>梯度下降工作室</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/help.py" line="72"/>
        <source>The panes</source>
        <translation>各个窗格</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/help.py" line="73"/>
        <source>&lt;b&gt;3D view&lt;/b&gt; (top left): the loss surface with each run lifted onto it; drag to rotate, scroll to zoom, &lt;b&gt;Reset view&lt;/b&gt; puts the camera back.</source>
        <translation>&lt;b&gt;三维视图&lt;/b&gt;（左上）：损失曲面，每个运行的路径都画在曲面上；拖动可旋转，滚轮可缩放，&lt;b&gt;重置视图&lt;/b&gt;让相机回到初始位置。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/help.py" line="76"/>
        <source>&lt;b&gt;Contour pane&lt;/b&gt; (top right): the same surface from above. Hover for the loss and gradient; click to move the selected run&apos;s start, shift-click to add a run there.</source>
        <translation>&lt;b&gt;等高线窗格&lt;/b&gt;（右上）：从上方俯视同一曲面。悬停可查看损失和梯度；单击可移动所选运行的起点，Shift+单击可在该处添加一个运行。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/help.py" line="79"/>
        <source>&lt;b&gt;Loss and learning-rate plots&lt;/b&gt; (bottom): each run&apos;s loss and learning rate per step.</source>
        <translation>&lt;b&gt;损失和学习率曲线&lt;/b&gt;（下方）：每个运行在每一步的损失和学习率。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/help.py" line="81"/>
        <source>&lt;b&gt;Transport&lt;/b&gt; (bottom row): play, step, reset, run to end, the speed, the timeline and each run&apos;s status.</source>
        <translation>&lt;b&gt;播放控制&lt;/b&gt;（最下一行）：播放、单步、重置、运行到结束、速度、时间轴以及每个运行的状态。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/help.py" line="83"/>
        <source>&lt;b&gt;Scene dock&lt;/b&gt; (right): the surface, the runs and the selected run&apos;s optimizer, learning rate and schedule.</source>
        <translation>&lt;b&gt;场景面板&lt;/b&gt;（右侧）：曲面、各个运行，以及所选运行的优化器、学习率和调度。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/help.py" line="85"/>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/help.py" line="86"/>
        <source>The &lt;b&gt;Lessons&lt;/b&gt; menu opens the guided lessons in order; Page Up and Page Down go to the previous and next one, and presenter mode (F5) shows them full screen for a class. The lesson files are scenes in %1: open one with File &gt; Open and save your changes elsewhere.</source>
        <translation>&lt;b&gt;课程&lt;/b&gt;菜单按顺序打开引导课程；Page Up 和 Page Down 切换到上一课和下一课，演示模式（F5）可全屏展示给全班。课程文件是位于 %1 的场景文件：可用“文件 &gt; 打开”打开，修改后请保存到其他位置。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/help.py" line="91"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>LessonHints</name>
    <message>
        <location filename="../../gdstudio/gui/features/lesson_hints.py" line="31"/>
        <source>Gradient arrows</source>
        <translation>梯度箭头</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/lesson_hints.py" line="33"/>
        <source>Averaged points (SWA, ASGD)</source>
        <translation>平均点（SWA、ASGD）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/lesson_hints.py" line="53"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
</context>
<context>
    <name>LessonTour</name>
    <message>
        <location filename="../../gdstudio/gui/features/lessons.py" line="158"/>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/lessons.py" line="176"/>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/lessons.py" line="181"/>
        <source>&amp;Previous lesson</source>
        <translation>上一课(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/lessons.py" line="183"/>
        <source>&amp;Next lesson</source>
        <translation>下一课(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/lessons.py" line="185"/>
        <source>Show &amp;caption</source>
        <translation>显示讲解(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/lessons.py" line="190"/>
        <source>&amp;Language (captions and interface)</source>
        <translation>语言（讲解与界面）(&amp;L)</translation>
    </message>
</context>
<context>
    <name>LogSlider</name>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="111"/>
        <source>Learning rate (any positive number)</source>
        <translation>学习率（任意正数）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="67"/>
        <source>3D view off: %1
The contour pane and the plots work as usual.</source>
        <translation>三维视图已关闭：%1
等高线图和曲线图照常工作。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="69"/>
        <source>OpenGL is not available here.</source>
        <translation>此处无法使用 OpenGL。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="207"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="209"/>
        <source>&amp;Open scene...</source>
        <translation>打开场景(&amp;O)...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="211"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="213"/>
        <source>Save &amp;as...</source>
        <translation>另存为(&amp;A)...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="214"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="217"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="220"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="222"/>
        <source>Play / pause</source>
        <translation>播放/暂停</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="223"/>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="224"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="225"/>
        <source>Run to end</source>
        <translation>运行到结束</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="227"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="229"/>
        <source>Reset 3D view</source>
        <translation>重置三维视图</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="231"/>
        <location filename="../../gdstudio/gui/app/main_window.py" line="233"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="239"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="242"/>
        <location filename="../../gdstudio/gui/app/main_window.py" line="279"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="245"/>
        <location filename="../../gdstudio/gui/app/main_window.py" line="283"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="266"/>
        <source>Edits fork the run at the current step</source>
        <translation>编辑时在当前步分叉运行</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="271"/>
        <source>On: changing a run&apos;s optimizer or hyperparameters at step t changes course there and keeps the path it would have taken as a ghost. Off: the run changes from step 0 and every run restarts.</source>
        <translation>开启：在第 t 步修改某个运行的优化器或超参数时，运行从该步改变方向，原本会走的路径以虚影保留。关闭：运行从第 0 步起改变，所有运行重新开始。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="278"/>
        <source>Undo %1</source>
        <translation>撤销%1</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="282"/>
        <source>Redo %1</source>
        <translation>重做%1</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="310"/>
        <source>Save the changes to this scene first?</source>
        <translation>先保存对此场景的修改吗？</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="318"/>
        <source>Open scene</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="319"/>
        <location filename="../../gdstudio/gui/app/main_window.py" line="339"/>
        <source>Scenes (*.toml)</source>
        <translation>场景 (*.toml)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="338"/>
        <source>Save scene</source>
        <translation>保存场景</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="344"/>
        <location filename="../../gdstudio/gui/app/main_window.py" line="351"/>
        <source>Cannot save scene</source>
        <translation>无法保存场景</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="345"/>
        <source>%1 belongs to gdstudio&apos;s bundled lessons and scenes, which stay as installed. Save your scene in another folder.</source>
        <translation>%1 属于 gdstudio 自带的课程和场景，它们保持安装时的原样。请把你的场景保存到其他文件夹。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="435"/>
        <source>Autosave is not working: %1 cannot be written (%2). If gdstudio is closed unexpectedly, unsaved edits are lost: save the scene (Ctrl+S) to keep them.</source>
        <translation>自动保存无法工作：无法写入 %1（%2）。如果 gdstudio 意外关闭，未保存的修改会丢失：请保存场景（Ctrl+S）以保留它们。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="505"/>
        <source>Damaged autosave</source>
        <translation>自动保存文件已损坏</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="506"/>
        <source>The unsaved edits of a previous session could not be opened: %1

The file is kept as %2.</source>
        <translation>无法打开上次会话中未保存的修改：%1

该文件已保留为 %2。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="508"/>
        <source>Keep the file</source>
        <translation>保留文件</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="509"/>
        <source>Delete it</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="560"/>
        <source>add run</source>
        <translation>添加运行</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="564"/>
        <source>move start</source>
        <translation>移动起点</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="609"/>
        <source>it holds no scene.</source>
        <translation>其中没有场景。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="613"/>
        <location filename="../../gdstudio/gui/app/main_window.py" line="617"/>
        <source>its time is not a time.</source>
        <translation>其中的时间不是有效时间。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="620"/>
        <source>its scene path is not a path.</source>
        <translation>其中的场景路径不是有效路径。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="472"/>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="473"/>
        <source>gdstudio closed with unsaved changes to &quot;%1&quot; (%2).
Recover them?</source>
        <translation>gdstudio 上次关闭时，“%1”有未保存的更改（%2）。
要恢复这些更改吗？</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="477"/>
        <source>Recover unsaved scene</source>
        <translation>恢复未保存的场景</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="551"/>
        <source>Run failed: %1</source>
        <translation>运行失败：%1</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/main_window.py" line="309"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
</context>
<context>
    <name>ParamDock</name>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="342"/>
        <source>Scene</source>
        <translation>场景</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="438"/>
        <source>Surface</source>
        <translation>曲面</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="446"/>
        <source>(formula)</source>
        <translation>（公式）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="453"/>
        <source>e.g. %1</source>
        <translation>例如 %1</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="469"/>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="471"/>
        <source>Built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="473"/>
        <source>Formula</source>
        <translation>公式</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="475"/>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="476"/>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="632"/>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="633"/>
        <source>%1 range</source>
        <translation>%1 范围</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="485"/>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="492"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="493"/>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="494"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="495"/>
        <source>Colour...</source>
        <translation>颜色...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="510"/>
        <source>Selected run</source>
        <translation>所选运行</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="531"/>
        <source>full batch</source>
        <translation>全批量</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="538"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="561"/>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="565"/>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="567"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="571"/>
        <source>off (the schedule&apos;s lr)</source>
        <translation>关闭（沿用调度的学习率）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="573"/>
        <source>Stop once the loss has not improved by more than min_delta for this many steps</source>
        <translation>损失在这么多步内的改善都不超过 min_delta 时停止</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="575"/>
        <source>Stop once the schedule sets a learning rate below this</source>
        <translation>调度设定的学习率低于此值时停止</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="576"/>
        <source>Average the weights from this step on (stochastic weight averaging)</source>
        <translation>从这一步起对权重求平均（随机权重平均）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="578"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="579"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="580"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="582"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="583"/>
        <source>Start</source>
        <translation>起点</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="584"/>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="585"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="586"/>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="588"/>
        <source>Stop rules</source>
        <translation>停止规则</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="592"/>
        <source>SWA</source>
        <translation>SWA（随机权重平均）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="636"/>
        <source>(%1 starts)</source>
        <translation>（%1 个起点）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="642"/>
        <source>Untick to hide this run</source>
        <translation>取消勾选以隐藏此运行</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="911"/>
        <source>Cannot fork the run</source>
        <translation>无法分叉运行</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="912"/>
        <source>&quot;%1&quot; cannot change course after step %2:</source>
        <translation>“%1”无法在第 %2 步之后改变方向：</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="915"/>
        <source>Restart the run from step 0 with the new value instead?</source>
        <translation>改为用新值从第 0 步重新开始这个运行？</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="917"/>
        <source>Restart from step 0</source>
        <translation>从第 0 步重新开始</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="1032"/>
        <source>change surface</source>
        <translation>修改曲面</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="1100"/>
        <source>add run</source>
        <translation>添加运行</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="1105"/>
        <source>duplicate run</source>
        <translation>复制运行</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="1111"/>
        <source>remove run</source>
        <translation>删除运行</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="563"/>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="703"/>
        <source>%1 (default)</source>
        <translation>%1（默认）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="54"/>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="924"/>
        <source>change %1</source>
        <translation>修改 %1</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="55"/>
        <source>change %1 at step %2</source>
        <translation>在第 %2 步修改 %1</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="56"/>
        <source>switch to %1 at step %2</source>
        <translation>在第 %2 步切换到 %1</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="1010"/>
        <source>(grid: %1)</source>
        <translation>（网格：%1）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="1123"/>
        <source>Run colour</source>
        <translation>运行颜色</translation>
    </message>
</context>
<context>
    <name>PlotsView</name>
    <message>
        <location filename="../../gdstudio/gui/views/plots_view.py" line="43"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/plots_view.py" line="47"/>
        <source>Learning rate on a log axis when the runs start at rates more than 20 times apart (a small rate is not a flat line at 0); on a linear axis otherwise, where every schedule keeps the shape of its formula.</source>
        <translation>各运行的初始学习率相差超过 20 倍时，学习率用对数坐标轴（小学习率不会成为贴在 0 上的直线）；否则用线性坐标轴，每个调度都保持其公式的形状。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/plots_view.py" line="160"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/plots_view.py" line="161"/>
        <location filename="../../gdstudio/gui/views/plots_view.py" line="393"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/plots_view.py" line="162"/>
        <source>log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/plots_view.py" line="164"/>
        <source>Plot the loss on a log scale (only when every loss is &gt; 0)</source>
        <translation>以对数刻度绘制损失（仅当所有损失都 &gt; 0 时）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/plots_view.py" line="192"/>
        <source>plateau: the rate follows the loss, drawn as it happens</source>
        <translation>plateau：学习率随损失变化，边运行边绘制</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/plots_view.py" line="341"/>
        <source>train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/plots_view.py" line="344"/>
        <source>test loss (dashed)</source>
        <translation>测试损失（虚线）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/plots_view.py" line="395"/>
        <source>lr</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/plots_view.py" line="460"/>
        <source>Log scale needs every loss &gt; 0</source>
        <translation>对数刻度要求所有损失都 &gt; 0</translation>
    </message>
</context>
<context>
    <name>Presenter</name>
    <message>
        <location filename="../../gdstudio/gui/features/presenter.py" line="78"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/presenter.py" line="88"/>
        <source>&amp;Presenter mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/presenter.py" line="90"/>
        <source>&amp;Light theme</source>
        <translation>浅色主题(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/presenter.py" line="93"/>
        <source>&amp;Full screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/presenter.py" line="95"/>
        <source>Show parameter &amp;dock</source>
        <translation>显示参数面板(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/presenter.py" line="97"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/presenter.py" line="98"/>
        <location filename="../../gdstudio/gui/features/presenter.py" line="102"/>
        <source>Faster</source>
        <translation>加快</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/presenter.py" line="99"/>
        <source>Slower</source>
        <translation>减慢</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/presenter.py" line="100"/>
        <source>Leave presenter mode</source>
        <translation>退出演示模式</translation>
    </message>
</context>
<context>
    <name>SceneLoader</name>
    <message>
        <location filename="../../gdstudio/gui/app/loading.py" line="47"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/loading.py" line="72"/>
        <source>Opening %1...</source>
        <translation>正在打开 %1...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/app/loading.py" line="96"/>
        <source>Cannot open scene</source>
        <translation>无法打开场景</translation>
    </message>
</context>
<context>
    <name>ScheduleFields</name>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="229"/>
        <source>the run&apos;s steps</source>
        <translation>运行的步数</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="230"/>
        <source>= step_size_up</source>
        <translation>同 step_size_up</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="231"/>
        <source>from mode</source>
        <translation>由 mode 决定</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="253"/>
        <source>a list of schedule tables: edit in the scene file</source>
        <translation>一组学习率调度表：请在场景文件中编辑</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="257"/>
        <source>steps, e.g. %1</source>
        <translation>步数，例如 %1</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="259"/>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="260"/>
        <source>%1 (default)</source>
        <translation>%1（默认）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/param_dock.py" line="266"/>
        <source>torch&apos;s default: %1</source>
        <translation>torch 的默认值：%1</translation>
    </message>
</context>
<context>
    <name>StepControls</name>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="326"/>
        <source>Step panel</source>
        <translation>单步面板</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="328"/>
        <source>Curvature axes</source>
        <translation>曲率轴</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="330"/>
        <source>Step marks of all runs</source>
        <translation>显示所有运行的单步标记</translation>
    </message>
</context>
<context>
    <name>StepMarks</name>
    <message>
        <location filename="../../gdstudio/gui/draw/step_marks.py" line="168"/>
        <source>−momentum / first moment (scaled)</source>
        <translation>−动量 / 一阶矩（已缩放）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/draw/step_marks.py" line="170"/>
        <source>per-axis step (box half-sides)</source>
        <translation>各轴步长（方框半边长）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/draw/step_marks.py" line="171"/>
        <source>Hessian eigen-axes (length ∝ |λ|)</source>
        <translation>Hessian 特征轴（长度 ∝ |λ|）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/draw/step_marks.py" line="173"/>
        <source>−gradient after clipping (same scale)</source>
        <translation>裁剪后的−梯度（同一比例）</translation>
    </message>
</context>
<context>
    <name>StepPanel</name>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="175"/>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="185"/>
        <source>Quantity</source>
        <translation>量</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="185"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="203"/>
        <source>momentum buffer</source>
        <translation>动量缓冲</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="203"/>
        <source>first moment</source>
        <translation>一阶矩</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="204"/>
        <source>second moment</source>
        <translation>二阶矩</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="205"/>
        <source>largest second moment</source>
        <translation>最大二阶矩</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="206"/>
        <source>step count</source>
        <translation>步数计数</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="206"/>
        <source>sum of squared gradients</source>
        <translation>梯度平方和</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="207"/>
        <source>mean squared gradient</source>
        <translation>梯度平方的滑动平均</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="208"/>
        <source>mean gradient</source>
        <translation>梯度的滑动平均</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="208"/>
        <source>mean squared update</source>
        <translation>更新量平方的滑动平均</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="209"/>
        <source>infinity norm</source>
        <translation>无穷范数</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="209"/>
        <source>product of momentum factors</source>
        <translation>动量系数之积</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="211"/>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="217"/>
        <source>previous gradient</source>
        <translation>上一步梯度</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="211"/>
        <source>per-axis step size</source>
        <translation>逐轴步长</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="212"/>
        <source>decayed learning rate</source>
        <translation>衰减后的学习率</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="212"/>
        <source>averaging weight</source>
        <translation>平均权重</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="213"/>
        <source>averaged point</source>
        <translation>平均点</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="213"/>
        <source>second-moment estimate</source>
        <translation>二阶矩估计</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="214"/>
        <source>function evaluations</source>
        <translation>函数求值次数</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="214"/>
        <source>iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="215"/>
        <source>search direction</source>
        <translation>搜索方向</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="215"/>
        <source>step length</source>
        <translation>步长</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="216"/>
        <source>inverse Hessian scale</source>
        <translation>逆 Hessian 缩放</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="218"/>
        <source>previous loss</source>
        <translation>上一步损失</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="248"/>
        <source>The Step panel shows a single-start run: select one.</source>
        <translation>单步面板只显示单起点的运行：请选择一个。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="252"/>
        <source>%1 (%2), step %3</source>
        <translation>%1（%2），第 %3 步</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="255"/>
        <source>step t</source>
        <translation>步 t</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="256"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="257"/>
        <source>update applied</source>
        <translation>实际更新量</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="260"/>
        <source>from the schedule</source>
        <translation>来自调度器</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="265"/>
        <source>effective per-axis step</source>
        <translation>各轴有效步长</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="267"/>
        <source>Hessian eigenvalues</source>
        <translation>Hessian 特征值</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="282"/>
        <source>Stability gauge: not defined for %1 here.</source>
        <translation>稳定性指示：此处对 %1 没有定义。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="286"/>
        <source>lr × λmax (plain gradient descent)</source>
        <translation>学习率 × λmax（普通梯度下降）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="287"/>
        <source>lr × λmax (heavy-ball momentum)</source>
        <translation>学习率 × λmax（重球动量）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="288"/>
        <source>lr × λmax (Nesterov momentum)</source>
        <translation>学习率 × λmax（Nesterov 动量）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="289"/>
        <source>λmax of the Hessian scaled by the effective per-axis step (adaptive method)</source>
        <translation>按各轴有效步长缩放后的 Hessian 的 λmax（自适应方法）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="291"/>
        <source>crossed: the steps grow, divergence predicted</source>
        <translation>已越过界限：步子越来越大，预计发散</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="292"/>
        <source>below the bound: stable</source>
        <translation>低于界限：稳定</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/step_panel.py" line="294"/>
        <source>Stability: %1 / %2</source>
        <translation>稳定性：%1 / %2</translation>
    </message>
</context>
<context>
    <name>StochasticDock</name>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="182"/>
        <source>Stochastic view</source>
        <translation>随机视图</translation>
    </message>
</context>
<context>
    <name>SurfaceView</name>
    <message>
        <location filename="../../gdstudio/gui/views/surface_view.py" line="101"/>
        <source>Reset view</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/surface_view.py" line="102"/>
        <source>Put the camera back where it started (Home)</source>
        <translation>让相机回到初始位置（Home）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/surface_view.py" line="322"/>
        <source>loss (log)</source>
        <translation>损失（对数）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/surface_view.py" line="322"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/surface_view.py" line="485"/>
        <source>diverged at step %1</source>
        <translation>在第 %1 步发散</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/surface_view.py" line="520"/>
        <source>−gradient (scaled)</source>
        <translation>负梯度（已缩放）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/surface_view.py" line="522"/>
        <source>step applied (×%1)</source>
        <translation>实际步长（×%1）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/surface_view.py" line="546"/>
        <source>SWA average</source>
        <translation>SWA 平均点</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/surface_view.py" line="547"/>
        <source>ASGD average (ax)</source>
        <translation>ASGD 平均点 (ax)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/surface_view.py" line="558"/>
        <source>loss evaluated inside the next step</source>
        <translation>下一步内部计算损失的位置</translation>
    </message>
</context>
<context>
    <name>SweepDock</name>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="137"/>
        <source>Learning-rate sweep</source>
        <translation>学习率扫描</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="142"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="143"/>
        <source>final loss</source>
        <translation>最终损失</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/analysis.py" line="174"/>
        <source>%1 learning rates, %2 steps each. Lowest final loss %3 at lr = %4; %5 diverged (✕, drawn at the top).</source>
        <translation>%1 个学习率，每个 %2 步。最低最终损失 %3 出现在 lr = %4；%5 个发散（✕，画在顶部）。</translation>
    </message>
</context>
<context>
    <name>Transport</name>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="45"/>
        <source>as fast as possible</source>
        <translation>尽可能快</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="46"/>
        <source>%1 steps/s</source>
        <translation>%1 步/秒</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="50"/>
        <source>circle</source>
        <translation>圆形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="51"/>
        <source>square</source>
        <translation>方形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="52"/>
        <source>triangle</source>
        <translation>三角形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="53"/>
        <source>diamond</source>
        <translation>菱形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="54"/>
        <source>pentagon</source>
        <translation>五边形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="55"/>
        <source>hexagon</source>
        <translation>六边形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="56"/>
        <source>star</source>
        <translation>星形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="57"/>
        <source>triangle up</source>
        <translation>上三角形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="66"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="68"/>
        <location filename="../../gdstudio/gui/views/transport.py" line="508"/>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="69"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="72"/>
        <location filename="../../gdstudio/gui/views/transport.py" line="361"/>
        <source>diverged at step %1</source>
        <translation>在第 %1 步发散</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="74"/>
        <location filename="../../gdstudio/gui/views/transport.py" line="362"/>
        <source>finished (max steps), %1 steps</source>
        <translation>已完成（达到最大步数），共 %1 步</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="76"/>
        <location filename="../../gdstudio/gui/views/transport.py" line="363"/>
        <source>early stopped at step %1</source>
        <translation>在第 %1 步早停</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="78"/>
        <location filename="../../gdstudio/gui/views/transport.py" line="364"/>
        <source>stopped (lr below min_lr) at step %1</source>
        <translation>在第 %1 步停止（学习率低于 min_lr）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="90"/>
        <source>%1 running</source>
        <translation>%1 个运行中</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="91"/>
        <source>%1 finished</source>
        <translation>%1 个已完成</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="92"/>
        <source>%1 early stopped</source>
        <translation>%1 个早停</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="93"/>
        <source>%1 stopped at min_lr</source>
        <translation>%1 个因 min_lr 停止</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="94"/>
        <source>%1 diverged</source>
        <translation>%1 个发散</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="101"/>
        <source>first divergence at step %1</source>
        <translation>首次发散于第 %1 步</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="103"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="233"/>
        <location filename="../../gdstudio/gui/views/transport.py" line="338"/>
        <location filename="../../gdstudio/gui/views/transport.py" line="467"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="234"/>
        <source>Play / pause (Space)</source>
        <translation>播放/暂停（空格）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="235"/>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="236"/>
        <source>One step forward (Right arrow)</source>
        <translation>前进一步（右方向键）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="237"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="238"/>
        <source>Back to step 0 (Home)</source>
        <translation>回到第 0 步（Home）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="239"/>
        <source>Run to end</source>
        <translation>运行到结束</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="240"/>
        <source>Compute and show every step (End)</source>
        <translation>计算并显示所有步（End）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="251"/>
        <source>Playback speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="253"/>
        <source>Timeline: drag to scrub through the steps</source>
        <translation>时间轴：拖动以逐步浏览</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="577"/>
        <source>history thinned: one step in %1 kept before step %2</source>
        <translation>历史已抽稀：第 %2 步之前每 %1 步保留一步</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="515"/>
        <location filename="../../gdstudio/gui/views/transport.py" line="561"/>
        <source>step %1 / %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="259"/>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="289"/>
        <source>This swarm&apos;s full history would not fit in the memory set aside for it: older steps are kept at the interval shown, recent ones all.</source>
        <translation>该群体的完整历史超出了为其预留的内存：较早的步骤按所示间隔保留，最近的步骤全部保留。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="339"/>
        <location filename="../../gdstudio/gui/views/transport.py" line="346"/>
        <location filename="../../gdstudio/gui/views/transport.py" line="467"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/views/transport.py" line="515"/>
        <source>... and %1 more runs</source>
        <translation>……另有 %1 个运行</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="16"/>
        <source>learning rates must be &gt; 0</source>
        <translation>学习率必须 &gt; 0</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="19"/>
        <source>lrs must be a non-empty sequence of learning rates &gt; 0</source>
        <translation>lrs 必须是由大于 0 的学习率组成的非空序列</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="22"/>
        <source>run {label!r}: its lr is 0, so there is no learning rate to scale; give it an lr &gt; 0</source>
        <translation>运行 {label!r}：学习率为 0，没有可缩放的学习率；请给它一个 &gt; 0 的 lr</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="29"/>
        <source>{file}: running {members:,} start(s) for up to {steps:,} steps needs about {memory} of memory (and {time}), more than the {available} available: use fewer steps or fewer starts</source>
        <translation>{file}：从 {members:,} 个起点各运行最多 {steps:,} 步，约需 {memory} 内存（以及 {time}），超过了可用的 {available}：请减少步数或起点数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="34"/>
        <source>{file}: running {members:,} start(s) for up to {steps:,} steps needs about {memory} of memory (and {time}), more than the {available} available: record fewer rows with --every, or use fewer steps (--steps) or fewer starts</source>
        <translation>{file}：从 {members:,} 个起点各运行最多 {steps:,} 步，约需 {memory} 内存（以及 {time}），超过了可用的 {available}：请用 --every 少记录一些行，或减少步数（--steps）或起点数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="39"/>
        <source>{n:.0f} seconds</source>
        <translation>{n:.0f} 秒</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="42"/>
        <source>{n:.0f} minutes</source>
        <translation>{n:.0f} 分钟</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="45"/>
        <source>{n:.1f} hours</source>
        <translation>{n:.1f} 小时</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="48"/>
        <source>{n:,.0f} days</source>
        <translation>{n:,.0f} 天</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="51"/>
        <source>a named pipe (FIFO)</source>
        <translation>命名管道（FIFO）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="54"/>
        <source>a character device</source>
        <translation>字符设备</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="57"/>
        <source>a block device</source>
        <translation>块设备</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="60"/>
        <source>a socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="63"/>
        <source>a special file</source>
        <translation>特殊文件</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="66"/>
        <source>{file}: is {kind}, not a regular file; only regular files are read</source>
        <translation>{file}：是{kind}，不是普通文件；只读取普通文件</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="69"/>
        <source>{file}: is {size}, more than the {most} that can be read</source>
        <translation>{file}：大小为 {size}，超过了可读取的上限 {most}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="72"/>
        <source>cannot write {file}: the folder {folder} does not exist</source>
        <translation>无法写入 {file}：文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="78"/>
        <source>cannot write {file}: it is a folder; give the name of a file</source>
        <translation>无法写入 {file}：它是一个文件夹；请给出文件名</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="81"/>
        <source>cannot write {file}: it is {kind}, not a regular file; it was left as it is</source>
        <translation>无法写入 {file}：它是{kind}，不是普通文件；已保持原样</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="84"/>
        <source>comprehensions are not allowed in a formula</source>
        <translation>公式中不允许使用推导式</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="87"/>
        <source>f-strings are not allowed in a formula</source>
        <translation>公式中不允许使用 f-string</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="90"/>
        <source>&apos;yield&apos; is not allowed in a formula</source>
        <translation>公式中不允许使用 &apos;yield&apos;</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="93"/>
        <source>&apos;and&apos; and &apos;or&apos; are not allowed in a formula</source>
        <translation>公式中不允许使用 &apos;and&apos; 和 &apos;or&apos;</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="96"/>
        <source>assignments (&apos;:=&apos;) are not allowed in a formula</source>
        <translation>公式中不允许赋值（&apos;:=&apos;）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="99"/>
        <source>lambdas are not allowed in a formula</source>
        <translation>公式中不允许使用 lambda</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="102"/>
        <source>conditional expressions (&apos;a if b else c&apos;) are not allowed in a formula</source>
        <translation>公式中不允许使用条件表达式（&apos;a if b else c&apos;）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="105"/>
        <source>dictionaries are not allowed in a formula</source>
        <translation>公式中不允许使用字典</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="108"/>
        <source>sets are not allowed in a formula</source>
        <translation>公式中不允许使用集合</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="111"/>
        <source>generator expressions are not allowed in a formula</source>
        <translation>公式中不允许使用生成器表达式</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="114"/>
        <source>&apos;await&apos; is not allowed in a formula</source>
        <translation>公式中不允许使用 &apos;await&apos;</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="117"/>
        <source>comparisons are not allowed in a formula</source>
        <translation>公式中不允许使用比较运算</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="120"/>
        <source>indexing (&apos;[...]&apos;) is not allowed in a formula</source>
        <translation>公式中不允许使用下标（&apos;[...]&apos;）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="123"/>
        <source>&apos;*&apos; unpacking is not allowed in a formula</source>
        <translation>公式中不允许使用 &apos;*&apos; 解包</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="126"/>
        <source>lists (&apos;[...]&apos;) are not allowed in a formula</source>
        <translation>公式中不允许使用列表（&apos;[...]&apos;）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="129"/>
        <source>tuples (a comma outside a call) are not allowed in a formula</source>
        <translation>公式中不允许使用元组（调用之外的逗号）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="132"/>
        <source>slices are not allowed in a formula</source>
        <translation>公式中不允许使用切片</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="135"/>
        <source>complex numbers are not allowed in a formula</source>
        <translation>公式中不允许使用复数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="138"/>
        <source>strings are not allowed in a formula</source>
        <translation>公式中不允许使用字符串</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="141"/>
        <source>bytes are not allowed in a formula</source>
        <translation>公式中不允许使用字节串</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="144"/>
        <source>invalid syntax</source>
        <translation>语法无效</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="147"/>
        <source>invalid syntax. Is an operator missing?</source>
        <translation>语法无效。是否缺少运算符？</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="150"/>
        <source>invalid syntax. &apos;=&apos; has no place in a formula.</source>
        <translation>语法无效。公式中不能出现 &apos;=&apos;。</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="153"/>
        <source>invalid hexadecimal literal</source>
        <translation>十六进制字面量无效</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="156"/>
        <source>invalid octal literal</source>
        <translation>八进制字面量无效</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="159"/>
        <source>invalid binary literal</source>
        <translation>二进制字面量无效</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="162"/>
        <source>invalid imaginary literal</source>
        <translation>虚数字面量无效</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="165"/>
        <source>leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers</source>
        <translation>十进制整数字面量不允许有前导零；八进制整数请使用 0o 前缀</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="169"/>
        <source>positional argument follows keyword argument</source>
        <translation>位置参数出现在关键字参数之后</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="172"/>
        <source>unexpected character after line continuation character</source>
        <translation>续行符之后出现了意外的字符</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="175"/>
        <source>expected &apos;else&apos; after &apos;if&apos; expression</source>
        <translation>&apos;if&apos; 表达式之后缺少 &apos;else&apos;</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="178"/>
        <source>&apos;{bracket}&apos; was never closed</source>
        <translation>&apos;{bracket}&apos; 没有闭合</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="181"/>
        <source>unmatched &apos;{bracket}&apos;</source>
        <translation>&apos;{bracket}&apos; 找不到与之配对的括号</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="184"/>
        <source>closing parenthesis &apos;{closing}&apos; does not match opening parenthesis &apos;{opening}&apos;</source>
        <translation>右括号 &apos;{closing}&apos; 与左括号 &apos;{opening}&apos; 不匹配</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="187"/>
        <source>unterminated string literal (detected at line {line})</source>
        <translation>字符串字面量没有结束（在第 {line} 行检测到）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="190"/>
        <source>unterminated triple-quoted string literal (detected at line {line})</source>
        <translation>三引号字符串字面量没有结束（在第 {line} 行检测到）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="193"/>
        <source>invalid digit &apos;{digit}&apos; in binary literal</source>
        <translation>二进制字面量中的数字 &apos;{digit}&apos; 无效</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="196"/>
        <source>invalid digit &apos;{digit}&apos; in octal literal</source>
        <translation>八进制字面量中的数字 &apos;{digit}&apos; 无效</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="199"/>
        <source>invalid character &apos;{char}&apos; (U+{code})</source>
        <translation>无效字符 &apos;{char}&apos;（U+{code}）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="202"/>
        <source>Allowed: numbers, the parameters {params}, the constants {constants}, + - * / ** and parentheses, and the functions {functions}.</source>
        <translation>允许使用：数字、参数 {params}、常数 {constants}、+ - * / ** 和括号，以及函数 {functions}。</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="206"/>
        <source>Allowed: numbers, the parameters {params}, the data column {columns}, the constants {constants}, + - * / ** and parentheses, and the functions {functions}.</source>
        <translation>允许使用：数字、参数 {params}、数据列 {columns}、常数 {constants}、+ - * / ** 和括号，以及函数 {functions}。</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="210"/>
        <source>Allowed: numbers, the parameters {params}, the data columns {columns}, the constants {constants}, + - * / ** and parentheses, and the functions {functions}.</source>
        <translation>允许使用：数字、参数 {params}、数据列 {columns}、常数 {constants}、+ - * / ** 和括号，以及函数 {functions}。</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="214"/>
        <source>a formula must be text, not {type}</source>
        <translation>公式必须是文本，而不是 {type}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="217"/>
        <source>the formula is undefined (a division by zero, log(0) or similar)</source>
        <translation>公式无定义（出现了除以零、log(0) 之类的情况）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="220"/>
        <source>formula too long: {n} characters (at most {most})</source>
        <translation>公式太长：{n} 个字符（最多 {most} 个）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="223"/>
        <source>invalid character U+{code:04X} in the formula</source>
        <translation>公式中有无效字符 U+{code:04X}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="226"/>
        <source>empty formula: write an expression such as x**2 + y**2</source>
        <translation>公式为空：请写一个表达式，例如 x**2 + y**2</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="229"/>
        <source>comments (&apos;#&apos;) are not allowed in a formula</source>
        <translation>公式中不允许使用注释（&apos;#&apos;）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="232"/>
        <source>formula nested too deeply: more than {most} levels of brackets</source>
        <translation>公式嵌套太深：括号超过 {most} 层</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="235"/>
        <source>formula too complex to parse</source>
        <translation>公式太复杂，无法解析</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="238"/>
        <source>syntax error: {error}</source>
        <translation>语法错误：{error}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="241"/>
        <source>&apos;{char}&apos; is not allowed in a formula: write {instead}</source>
        <translation>公式中不允许使用 &apos;{char}&apos;：请写 {instead}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="244"/>
        <source>a number directly followed by a name: write 2*x for a product</source>
        <translation>数字后面直接跟了名称：乘积请写成 2*x</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="247"/>
        <source>the formula ends too early: an operand or a &apos;)&apos; is missing</source>
        <translation>公式提前结束：缺少一个操作数或一个 &apos;)&apos;</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="284"/>
        <source>formula too long: more than {most} numbers, names and operations</source>
        <translation>公式太长：数字、名称和运算超过 {most} 个</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="287"/>
        <source>formula nested too deeply: more than {most} levels</source>
        <translation>公式嵌套太深：超过 {most} 层</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="290"/>
        <source>operator &apos;{op}&apos; is not allowed (use ** for powers)</source>
        <translation>不允许使用运算符 &apos;{op}&apos;（乘方请用 **）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="293"/>
        <source>operator &apos;{op}&apos; is not allowed</source>
        <translation>不允许使用运算符 &apos;{op}&apos;</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="296"/>
        <source>&apos;{op}&apos; is not allowed</source>
        <translation>不允许使用 &apos;{op}&apos;</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="299"/>
        <source>attribute access (&apos;{code}&apos;) is not allowed: write just {name}</source>
        <translation>不允许访问属性（&apos;{code}&apos;）：只写 {name} 即可</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="302"/>
        <source>attribute access (&apos;{code}&apos;) is not allowed</source>
        <translation>不允许访问属性（&apos;{code}&apos;）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="305"/>
        <source>&apos;{name}&apos; is not allowed in a formula</source>
        <translation>公式中不允许使用 &apos;{name}&apos;</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="308"/>
        <source>{value} is not a number here: write 1 or 0</source>
        <translation>{value} 在这里不是数字：请写 1 或 0</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="311"/>
        <source>number too large: {code} is beyond the float range (about 1.8e308)</source>
        <translation>数字太大：{code} 超出了浮点数范围（约 1.8e308）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="314"/>
        <source>&apos;...&apos; is not allowed in a formula</source>
        <translation>公式中不允许使用 &apos;...&apos;</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="317"/>
        <source>{value!r} is not allowed in a formula</source>
        <translation>公式中不允许使用 {value!r}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="320"/>
        <source>&apos;{name}&apos; is a function: call it, like {call}</source>
        <translation>&apos;{name}&apos; 是函数：请调用它，例如 {call}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="323"/>
        <source>only the allowed functions can be called, by name</source>
        <translation>只能按名称调用允许使用的函数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="326"/>
        <source>&apos;{name}&apos; is not a function: write {name}*(...) for a product</source>
        <translation>&apos;{name}&apos; 不是函数：乘积请写成 {name}*(...)</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="329"/>
        <source>{name}() takes no keyword arguments</source>
        <translation>{name}() 不接受关键字参数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="332"/>
        <source>{name} takes {n} argument ({call}), got {got}</source>
        <translation>{name} 需要 {n} 个参数（{call}），实际给了 {got} 个</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="335"/>
        <source>{name} takes {n} arguments ({call}), got {got}</source>
        <translation>{name} 需要 {n} 个参数（{call}），实际给了 {got} 个</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="338"/>
        <source>unknown name &apos;{name}&apos; — write a**b for a power</source>
        <translation>未知名称 &apos;{name}&apos; —— 乘方请写成 a**b</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="341"/>
        <source>unknown name &apos;{name}&apos; — did you mean &apos;{a}&apos;?</source>
        <translation>未知名称 &apos;{name}&apos; —— 你是不是想写 &apos;{a}&apos;？</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="344"/>
        <source>unknown name &apos;{name}&apos; — did you mean &apos;{a}&apos; or &apos;{b}&apos;?</source>
        <translation>未知名称 &apos;{name}&apos; —— 你是不是想写 &apos;{a}&apos; 或 &apos;{b}&apos;？</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="347"/>
        <source>unknown name &apos;{name}&apos; — did you mean &apos;{a}&apos; or &apos;{b}&apos; or &apos;{c}&apos;?</source>
        <translation>未知名称 &apos;{name}&apos; —— 你是不是想写 &apos;{a}&apos;、&apos;{b}&apos; 或 &apos;{c}&apos;？</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="350"/>
        <source>unknown name &apos;{name}&apos;</source>
        <translation>未知名称 &apos;{name}&apos;</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="353"/>
        <source>division by zero</source>
        <translation>除以零</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="356"/>
        <source>division by zero: &apos;{code}&apos; is 0</source>
        <translation>除以零：&apos;{code}&apos; 等于 0</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="359"/>
        <source>division by zero: &apos;{code}&apos; is 0 to a negative power</source>
        <translation>除以零：&apos;{code}&apos; 是 0 的负数次幂</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="362"/>
        <source>exponent too large: {code} (at most {most} in size)</source>
        <translation>指数太大：{code}（绝对值最多为 {most}）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="365"/>
        <source>division by zero: &apos;{code}&apos; is 0 and the exponent is negative</source>
        <translation>除以零：&apos;{code}&apos; 等于 0，而指数为负</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="368"/>
        <source>number too large to compute exactly in &apos;{code}&apos;: write its numbers as decimals (2.0 rather than 2)</source>
        <translation>数字太大，无法精确计算 &apos;{code}&apos;：请把其中的数字写成小数形式（写 2.0 而不是 2）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="372"/>
        <source>&apos;{code}&apos; is undefined or infinite</source>
        <translation>&apos;{code}&apos; 无定义或为无穷大</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="375"/>
        <source>&apos;{code}&apos; is not a real number</source>
        <translation>&apos;{code}&apos; 不是实数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="378"/>
        <source>&apos;{code}&apos; is infinite or beyond the float range (about 1.8e308)</source>
        <translation>&apos;{code}&apos; 为无穷大或超出了浮点数范围（约 1.8e308）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="381"/>
        <source>number too large: &apos;{code}&apos; is beyond the float range (about 1.8e308)</source>
        <translation>数字太大：&apos;{code}&apos; 超出了浮点数范围（约 1.8e308）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="384"/>
        <source>formula too complex: compiling it took more than {seconds:g} seconds</source>
        <translation>公式太复杂：编译它用了超过 {seconds:g} 秒</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="387"/>
        <source>formula too complex: compiling it needs more memory or nesting than there is</source>
        <translation>公式太复杂：编译它所需的内存或嵌套层数超出了可用范围</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="390"/>
        <source>the formula cannot be compiled: {error} ({kind}); simplify it or write its numbers as decimals</source>
        <translation>无法编译该公式：{error}（{kind}）；请简化它，或把其中的数写成小数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="394"/>
        <source>formula too complex: its gradient would have about {n:,} terms (at most {most:,})</source>
        <translation>公式太复杂：它的梯度将有约 {n:,} 项（最多 {most:,} 项）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="397"/>
        <source>formula too complex: its second derivatives would have about {n:,} terms (at most {most:,})</source>
        <translation>公式太复杂：它的二阶导数将有约 {n:,} 项（最多 {most:,} 项）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="401"/>
        <source>formula too complex: its gradient has {n:,} terms (at most {most:,})</source>
        <translation>公式太复杂：它的梯度有 {n:,} 项（最多 {most:,} 项）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="404"/>
        <source>formula too complex: its second derivatives has {n:,} terms (at most {most:,})</source>
        <translation>公式太复杂：它的二阶导数有 {n:,} 项（最多 {most:,} 项）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="407"/>
        <source>the formula or its derivatives need &apos;{name}&apos;, which cannot be evaluated</source>
        <translation>公式或其导数需要 &apos;{name}&apos;，但它无法求值</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="410"/>
        <source>{names} and {last}</source>
        <translation>{names} 和 {last}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="413"/>
        <source>L(w* + alpha*d1 + beta*d2): mean cross-entropy of an MLP {arch} ({activation}) on {data} ({rows} rows)</source>
        <translation>L(w* + alpha*d1 + beta*d2)：MLP {arch}（{activation}）在 {data}（{rows} 行）上的平均交叉熵</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="417"/>
        <source>The loss of a small neural network on a plane through its trained weights w* (Li et al. 2018).</source>
        <translation>小型神经网络在一个经过其训练所得权重 w* 的平面上的损失（Li 等，2018）。</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="421"/>
        <source>grid {axis} coordinates must be at least 2 finite, strictly increasing numbers</source>
        <translation>网格的 {axis} 坐标必须是至少 2 个有限且严格递增的数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="424"/>
        <source>grid values have shape {shape}, expected ({nx}, {ny}) for {nx} x and {ny} y values</source>
        <translation>网格值的形状为 {shape}，应为 ({nx}, {ny})（{nx} 个 x 值和 {ny} 个 y 值）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="428"/>
        <source>grid values must be finite ({n} are not)</source>
        <translation>网格值必须是有限数（有 {n} 个不是）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="431"/>
        <source>values on a {nx} x {ny} grid</source>
        <translation>{nx} x {ny} 网格上的值</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="437"/>
        <source>reading .h5 loss surfaces needs h5py: pip install gdstudio[landscape]</source>
        <translation>读取 .h5 损失曲面需要 h5py：pip install gdstudio[landscape]</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="440"/>
        <source>{file}: no such file</source>
        <translation>{file}：文件不存在</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="443"/>
        <source>{file}: is a folder, expected an .h5 file</source>
        <translation>{file}：是一个文件夹，而这里需要 .h5 文件</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="446"/>
        <source>{file}: not an HDF5 file ({error})</source>
        <translation>{file}：不是 HDF5 文件（{error}）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="470"/>
        <source>{key} on the plane of a loss-landscape surface file ({nx} x {ny} points, resampled to {mx} x {my}).</source>
        <translation>损失地形曲面文件平面上的 {key}（{nx} x {ny} 个点，已重采样为 {mx} x {my}）。</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="512"/>
        <source>writing .h5 loss surfaces needs h5py: pip install gdstudio[landscape]</source>
        <translation>写入 .h5 损失曲面需要 h5py：pip install gdstudio[landscape]</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="515"/>
        <source>{file}: not a numpy .npz archive ({error})</source>
        <translation>{file}：不是 numpy .npz 归档文件（{error}）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="518"/>
        <source>{file}: not a numpy .npz archive (a single array)</source>
        <translation>{file}：不是 numpy .npz 归档文件（只有单个数组）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="521"/>
        <source>{file}: at most {most} coordinates per axis, got {nx} x {ny}</source>
        <translation>{file}：每个轴最多 {most} 个坐标，实际为 {nx} x {ny}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="524"/>
        <source>{file}: {problem}</source>
        <translation>{file}：{problem}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="533"/>
        <source>unknown topic {value} (did you mean {close}?); one of {names}</source>
        <translation>未知主题 {value}（你是不是想写 {close}？）；可选 {names}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="545"/>
        <source>unknown hint {hint}; one of {names}</source>
        <translation>未知的显示提示 {hint}；可选 {names}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="554"/>
        <source>no lesson {id} (did you mean {close}?); `gdstudio lessons` lists them</source>
        <translation>没有课程 {id}（你是不是想找 {close}？）；`gdstudio lessons` 会列出所有课程</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="557"/>
        <source>no lesson {id}; `gdstudio lessons` lists them</source>
        <translation>没有课程 {id}；`gdstudio lessons` 会列出所有课程</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="600"/>
        <source>a tolerance on the gradient cannot be negative</source>
        <translation>梯度容差不能为负</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="603"/>
        <source>a tolerance on the change cannot be negative</source>
        <translation>变化量容差不能为负</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="609"/>
        <source>expected {names} (or leave it out for no line search), got {value}</source>
        <translation>应为 {names}（不做线搜索时省略此项），实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="621"/>
        <source>expected a pair of numbers [a, b], got {value}</source>
        <translation>应为一对数 [a, b]，实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="624"/>
        <source>expected a pair of finite numbers, entry {i} is {value}</source>
        <translation>应为一对有限数，第 {i} 项为 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="653"/>
        <source>expected [eta_minus, eta_plus] with 0 &lt; eta_minus &lt; 1 &lt; eta_plus (the factors that shrink and grow a step), got {value}</source>
        <translation>应为 [eta_minus, eta_plus]，且 0 &lt; eta_minus &lt; 1 &lt; eta_plus（缩小与放大步长的因子），实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="657"/>
        <source>expected [eps1, eps2] both &gt;= 0 (eps1 floors the second moment, eps2 the relative step size), got {value}</source>
        <translation>应为 [eps1, eps2]，两者均 &gt;= 0（eps1 是二阶矩的下限，eps2 是相对步长的下限），实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="661"/>
        <source>expected a number &lt;= 0 (the second moment&apos;s decay is t ** beta2_decay), got {value}</source>
        <translation>应为 &lt;= 0 的数（二阶矩的衰减为 t ** beta2_decay），实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="665"/>
        <source>expected a number &gt;= 1 (the clipping threshold of the update&apos;s RMS), got {value}</source>
        <translation>应为 &gt;= 1 的数（更新量均方根的裁剪阈值），实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="668"/>
        <source>expected a number &gt;= 0 (damping adds damping * I to the Hessian), got {value}</source>
        <translation>应为 &gt;= 0 的数（阻尼在黑塞矩阵上加 damping * I），实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="671"/>
        <source>expected a whole number &gt;= 1 ({why}), got {value}</source>
        <translation>应为 &gt;= 1 的整数（{why}），实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="674"/>
        <source>iterations per step</source>
        <translation>每步的迭代次数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="677"/>
        <source>function evaluations per step</source>
        <translation>每步的函数求值次数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="680"/>
        <source>how many steps L-BFGS remembers</source>
        <translation>L-BFGS 记住的步数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="683"/>
        <source>unknown optimizer {value} (did you mean {close}?); one of {names}</source>
        <translation>未知优化器 {value}（你是不是想写 {close}？）；可选 {names}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="705"/>
        <source>expected LO:HI:N (smallest lr, largest lr, how many), e.g. 1e-4:10:26, got {value!r}</source>
        <translation>应为 LO:HI:N（最小学习率、最大学习率、个数），例如 1e-4:10:26，得到的是 {value!r}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="709"/>
        <source>LO and HI of LO:HI:N must be numbers, got {value!r}</source>
        <translation>LO:HI:N 中的 LO 和 HI 必须是数，得到的是 {value!r}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="712"/>
        <source>N of LO:HI:N must be a whole number, got {value!r}</source>
        <translation>LO:HI:N 中的 N 必须是整数，得到的是 {value!r}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="715"/>
        <source>learning rates must be finite and &gt; 0, got {lo:g} and {hi:g}</source>
        <translation>学习率必须有限且 &gt; 0，得到的是 {lo:g} 和 {hi:g}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="718"/>
        <source>LO must be below HI, got {lo:g}:{hi:g}</source>
        <translation>LO 必须小于 HI，得到的是 {lo:g}:{hi:g}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="721"/>
        <source>N must be from 2 to 1000 learning rates, got {n}</source>
        <translation>N 必须是 2 到 1000 个学习率，得到的是 {n}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="724"/>
        <source>run {label!r}: a budget of {amount} evaluations buys no step of {optimizer}, which costs {cost} a step</source>
        <translation>运行 {label!r}：{amount} 次求值的预算不够 {optimizer} 走一步，它每步要 {cost} 次</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="728"/>
        <source>budget must be steps or evals, got {value!r}</source>
        <translation>预算必须是 steps 或 evals，得到的是 {value!r}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="731"/>
        <source>the scene has no runs to race</source>
        <translation>场景里没有可比赛的运行</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="734"/>
        <source>a race needs a budget of at least 1, got {amount}</source>
        <translation>比赛的预算至少为 1，得到的是 {amount}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="737"/>
        <source>steps must be a whole number &gt;= 0, got {value}</source>
        <translation>steps 必须是 &gt;= 0 的整数，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="740"/>
        <source>every must be a whole number &gt;= 1, got {value}</source>
        <translation>every 必须是 &gt;= 1 的整数，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="761"/>
        <source>{file}, line {line}: {table} &apos;{key}&apos;: arrays or tables nested more than {most} deep</source>
        <translation>{file}，第 {line} 行：{table} &apos;{key}&apos;：数组或表的嵌套超过 {most} 层</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="765"/>
        <source>{file}: arrays or tables nested more than {most} deep</source>
        <translation>{file}：数组或表的嵌套超过 {most} 层</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="840"/>
        <source>steps: expected a whole number from 0 to {most:,}, got {value}</source>
        <translation>steps：应为 0 到 {most:,} 之间的整数，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="843"/>
        <source>{file}: &apos;{key}&apos;: arrays or tables nested more than {most} deep</source>
        <translation>{file}：&apos;{key}&apos;：数组或表的嵌套超过 {most} 层</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="864"/>
        <source>{label} is already the label of run {run}; give each run a unique label</source>
        <translation>{label} 已经是第 {run} 个运行的标签；请给每个运行一个唯一的标签</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="867"/>
        <source>missing: give builtin = &quot;name&quot;, expr = &quot;...&quot; with bounds, or grid = &quot;file.h5&quot;</source>
        <translation>缺少：请给出 builtin = &quot;name&quot;、带 bounds 的 expr = &quot;...&quot;，或 grid = &quot;file.h5&quot;</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="874"/>
        <source>give builtin = &quot;name&quot;, expr = &quot;...&quot; with bounds, or grid = &quot;file.h5&quot;</source>
        <translation>请给出 builtin = &quot;name&quot;、带 bounds 的 expr = &quot;...&quot;，或 grid = &quot;file.h5&quot;</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="877"/>
        <source>only allowed with grid = &quot;file.h5&quot;</source>
        <translation>只能与 grid = &quot;file.h5&quot; 一起使用</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="883"/>
        <source>unknown surface {name} (did you mean {close}?); `gdstudio surfaces` lists them</source>
        <translation>未知曲面 {name}（你是不是想找 {close}？）；`gdstudio surfaces` 会列出所有曲面</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="886"/>
        <source>unknown surface {name}; `gdstudio surfaces` lists them</source>
        <translation>未知曲面 {name}；`gdstudio surfaces` 会列出所有曲面</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="907"/>
        <source>give grid or {other}, not both: a grid surface is the values stored in its file</source>
        <translation>grid 与 {other} 只能给出其一：网格曲面就是其文件中存储的数值</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="910"/>
        <source>only allowed with expr (a grid surface has its own parameters alpha and beta)</source>
        <translation>只能与 expr 一起使用（网格曲面有自己的参数 alpha 和 beta）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="913"/>
        <source>expected the path of an .h5 or .npz surface file, got {value}</source>
        <translation>应为 .h5 或 .npz 曲面文件的路径，实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="916"/>
        <source>expected a dataset name like &quot;train_loss&quot;, got {value}</source>
        <translation>应为数据集名称，例如 &quot;train_loss&quot;，实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="919"/>
        <source>{file}: not a regular file</source>
        <translation>{file}：不是普通文件</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="922"/>
        <source>{file}: expected an .h5, .hdf5 or .npz surface file</source>
        <translation>{file}：应为 .h5、.hdf5 或 .npz 曲面文件</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="928"/>
        <source>{axis} bounds: {problem}</source>
        <translation>{axis} 的范围：{problem}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="934"/>
        <source>a change belongs to one run: write it as [[run.change]] under that run</source>
        <translation>更改属于某一个运行：请在该运行下写成 [[run.change]]</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="958"/>
        <source>expected [[run.change]] tables, got {value}</source>
        <translation>应为 [[run.change]] 表，实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="961"/>
        <source>[[run.change]] {n} of {where}</source>
        <translation>{where} 的第 {n} 个 [[run.change]]</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="973"/>
        <source>give either norm = MAX (clip_grad_norm_) or value = V (clip_grad_value_)</source>
        <translation>请给出 norm = MAX（clip_grad_norm_）或 value = V（clip_grad_value_）二者之一</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="976"/>
        <source>expected a finite number &gt;= 0, got {value}</source>
        <translation>应为 &gt;= 0 的有限数，实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="979"/>
        <source>only used with norm = MAX</source>
        <translation>仅与 norm = MAX 一起使用</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="982"/>
        <source>expected a number (inf for the largest component), got {value}</source>
        <translation>应为一个数（inf 表示取最大分量），实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1010"/>
        <source>grid must be [[x0, x1], [y0, y1]] of finite numbers (an integer beyond 2**53 written as a float, like 1e30), got {value}</source>
        <translation>grid 必须是由有限数组成的 [[x0, x1], [y0, y1]]（超过 2**53 的整数请写成浮点数，如 1e30），得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1014"/>
        <source>grid spans must be finite in float64, got {value}</source>
        <translation>grid 的跨度在 float64 中必须是有限的，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1031"/>
        <source>this run has a schedule, which sets the learning rate; change the schedule instead</source>
        <translation>该运行有学习率调度，学习率由调度设定；请改为修改调度</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1035"/>
        <source>required: the step after which the change applies (step at + 1 is the first to use it)</source>
        <translation>必填：更改在该步之后生效（第 at + 1 步首先使用新值）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1039"/>
        <source>expected a whole number from 0 to {most} (the run has {steps} steps), got {value}</source>
        <translation>应为 0 到 {most} 之间的整数（该运行共 {steps} 步），实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1042"/>
        <source>changes must come in increasing steps: this one is at {value}, the one before at {prev}</source>
        <translation>更改必须按步数递增排列：本更改在第 {value} 步，前一个在第 {prev} 步</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1046"/>
        <source>this run&apos;s schedule cycles momentum (cycle_momentum), which it cannot carry over to a new optimizer; turn cycle_momentum off or start a new run</source>
        <translation>该运行的调度会循环调整动量（cycle_momentum），无法延续到新的优化器；请关闭 cycle_momentum 或新建一个运行</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1050"/>
        <source>changes nothing: give hyperparameters of {name}, or optimizer = NAME to switch</source>
        <translation>没有任何更改：请给出 {name} 的超参数，或用 optimizer = NAME 切换优化器</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1053"/>
        <source>this run&apos;s schedule cycles {key} (cycle_momentum); change the schedule instead</source>
        <translation>该运行的调度会循环调整 {key}（cycle_momentum）；请改为修改调度</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1056"/>
        <source>torch&apos;s LBFGS fixes the size of its memory in its first step (a smaller history_size later is never applied, a larger one fails); set it from the start (at = {start}) or switch optimizer</source>
        <translation>torch 的 LBFGS 在第一步就固定了记忆的大小（之后改小的 history_size 永远不会生效，改大则会出错）；请从一开始设置（at = {start}），或换用其他优化器</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1061"/>
        <source>torch&apos;s {torch} made its state at its first step without &apos;{tensor}&apos;, so turning {key} on later fails there; set it from the start (at = {start}) or switch optimizer</source>
        <translation>torch 的 {torch} 在第一步创建状态时没有 &apos;{tensor}&apos;，之后再开启 {key} 会在 torch 中出错；请从一开始设置（at = {start}）或切换优化器</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1066"/>
        <source>{file}: [surface] &apos;expr&apos;: the formula {expr} is not finite at any of {n} x {n} points of the plotted range ({p} from {x0:g} to {x1:g}, {q} from {y0:g} to {y1:g}): it overflows or the range is outside its domain</source>
        <translation>{file}：[surface] &apos;expr&apos;：公式 {expr} 在绘图范围（{p} 从 {x0:g} 到 {x1:g}，{q} 从 {y0:g} 到 {y1:g}）的 {n} x {n} 个采样点上没有一个是有限值：它溢出了，或者该范围在其定义域之外</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1093"/>
        <source>a Python function cannot come from a scene; kind = &quot;multiplicative&quot; takes a constant factor</source>
        <translation>场景中不能包含 Python 函数；kind = &quot;multiplicative&quot; 接受一个常数因子</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1183"/>
        <source>torch raises ZeroDivisionError at total_iters with a negative power</source>
        <translation>幂为负数时，torch 在 total_iters 处会引发 ZeroDivisionError</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1186"/>
        <source>expected a non-empty list of schedule tables, e.g. [{{kind = &quot;linear&quot;, total_iters = 10}}, {{kind = &quot;cosine&quot;}}], got {value}</source>
        <translation>应为非空的调度表列表，例如 [{{kind = &quot;linear&quot;, total_iters = 10}}, {{kind = &quot;cosine&quot;}}]，实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1199"/>
        <source>unknown schedule {value} (did you mean {guess}, torch&apos;s {torch}?); one of {names}</source>
        <translation>未知的学习率调度 {value}（你是不是想写 {guess}，即 torch 的 {torch}？）；可选 {names}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1264"/>
        <source>torch&apos;s {torch} does not support ReduceLROnPlateau inside it (it needs the loss)</source>
        <translation>torch 的 {torch} 不支持在其中使用 ReduceLROnPlateau（它需要损失值）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1267"/>
        <source>{inner} is not supported inside a chain; use constant, step, multistep, exponential, cosine, linear, polynomial or multiplicative</source>
        <translation>调度链中不支持 {inner}；请使用 constant、step、multistep、exponential、cosine、linear、polynomial 或 multiplicative</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1271"/>
        <source>expected one milestone fewer than schedules ({n}), got {got} (torch&apos;s SequentialLR)</source>
        <translation>里程碑数应比调度数（{n}）少一个，实际为 {got}（torch 的 SequentialLR）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1275"/>
        <source>expected a whole number &gt;= 1 after a milestone: torch&apos;s closed form there divides by total_iters (ZeroDivisionError)</source>
        <translation>里程碑之后应为 &gt;= 1 的整数：torch 在该处的闭式公式会除以 total_iters（ZeroDivisionError）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1279"/>
        <source>bounds must be [[xmin, xmax], [ymin, ymax]], got {value}</source>
        <translation>bounds 必须是 [[xmin, xmax], [ymin, ymax]]，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1291"/>
        <source>{file}, line {line}: a NUL byte; this is a binary file, not a CSV text file</source>
        <translation>{file}，第 {line} 行：含有 NUL 字节；这是二进制文件，不是 CSV 文本文件</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1298"/>
        <source>{where}: a value longer than {most:,} characters</source>
        <translation>{where}：有一个值超过 {most:,} 个字符</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1301"/>
        <source>{where}: not a line of comma-separated values (a carriage return inside the line?)</source>
        <translation>{where}：不是逗号分隔的一行数值（行中间有回车符？）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1317"/>
        <source>{where}: more than {most:,} data rows</source>
        <translation>{where}：数据行超过 {most:,} 行</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1333"/>
        <source>{where}: expected a header row of column names (like x,y), found numbers</source>
        <translation>{where}：应为由列名组成的表头行（如 x,y），却发现了数字</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1339"/>
        <source>{where}: not a numeric CSV with a header: column {j} of the header is not a name a formula can use (letters, digits and _, not starting with a digit, not a Python keyword)</source>
        <translation>{where}：不是带表头的数值 CSV：表头的第 {j} 列不是公式可用的名称（字母、数字和 _，不以数字开头，也不是 Python 关键字）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1419"/>
        <source>the ends must be finite numbers</source>
        <translation>两端必须是有限数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1422"/>
        <source>need min &lt; max, got [{lo}, {hi}]</source>
        <translation>需要 min &lt; max，得到的是 [{lo}, {hi}]</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1425"/>
        <source>the span {hi} - ({lo}) is too large for float64; keep it below 1e308</source>
        <translation>跨度 {hi} - ({lo}) 对 float64 来说太大；请保持在 1e308 以下</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1428"/>
        <source>[{lo}, {hi}] is too narrow for its size: the {n:,} grid points across it are not all distinct numbers</source>
        <translation>[{lo}, {hi}] 相对其数值大小过窄：其中的 {n:,} 个网格点并非互不相同的数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1463"/>
        <source>expected whole numbers separated by commas, got {value}</source>
        <translation>应为以逗号分隔的整数，实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="449"/>
        <source>{file}: no dataset &apos;ycoordinates&apos;: a 1-D surface file, expected a 2-D one</source>
        <translation>{file}：没有数据集 &apos;ycoordinates&apos;：这是一维曲面文件，需要的是二维的</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="477"/>
        <source>{key} of {file}</source>
        <translation>{file} 的 {key}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="474"/>
        <source>{key} on the plane of a loss-landscape surface file ({nx} x {ny} points).</source>
        <translation>损失地形曲面文件平面上的 {key}（{nx} x {ny} 个点）。</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="551"/>
        <source>{file}: a lesson file needs a [lesson] table</source>
        <translation>{file}：课程文件需要一个 [lesson] 表</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="560"/>
        <source>a torch implementation switch; gdstudio always follows torch&apos;s single-tensor CPU path</source>
        <translation>这是 torch 的实现开关；gdstudio 始终沿用 torch 的单张量 CPU 实现路径</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="564"/>
        <source>not supported: gdstudio always minimizes the loss</source>
        <translation>不支持：gdstudio 总是最小化损失</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="567"/>
        <source>not a hyperparameter: the parameters are the two coordinates of the start</source>
        <translation>不是超参数：参数就是起点的两个坐标</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="570"/>
        <source>a torch implementation switch (CUDA graphs); not supported</source>
        <translation>这是 torch 的实现开关（CUDA 图）；不支持</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="573"/>
        <source>a torch implementation switch (autograd through the step); not supported</source>
        <translation>这是 torch 的实现开关（对优化步本身求导）；不支持</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="576"/>
        <source>a learning rate cannot be negative</source>
        <translation>学习率不能为负</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="579"/>
        <source>eps cannot be negative</source>
        <translation>eps 不能为负</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="582"/>
        <source>weight decay cannot be negative</source>
        <translation>权重衰减不能为负</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="585"/>
        <source>momentum cannot be negative</source>
        <translation>动量不能为负</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="588"/>
        <source>lr_decay cannot be negative</source>
        <translation>lr_decay 不能为负</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="591"/>
        <source>the accumulator of squared gradients cannot start negative</source>
        <translation>平方梯度累加器的初值不能为负</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="594"/>
        <source>momentum_decay cannot be negative</source>
        <translation>momentum_decay 不能为负</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="597"/>
        <source>the smoothing constant cannot be negative</source>
        <translation>平滑常数不能为负</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="612"/>
        <source>expected true or false, got {value}</source>
        <translation>应为 true 或 false，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="615"/>
        <source>expected a number, got {value}</source>
        <translation>应为数字，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="618"/>
        <source>expected a finite number, got {value}</source>
        <translation>应为有限数，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="627"/>
        <source>expected a pair of numbers [beta1, beta2], got {value}</source>
        <translation>应为一对数字 [beta1, beta2]，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="630"/>
        <source>expected a pair of finite numbers [beta1, beta2], betas[{i}] is {value}</source>
        <translation>应为一对有限数 [beta1, beta2]，但 betas[{i}] 是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="633"/>
        <source>adamw always decouples weight decay (torch.optim.AdamW takes no decoupled_weight_decay); adam, nadam and radam take it</source>
        <translation>adamw 总是将权重衰减解耦（torch.optim.AdamW 不接受 decoupled_weight_decay）；adam、nadam 和 radam 才接受它</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="637"/>
        <source>unknown hyperparameter of {name}; did you mean &apos;{alias}&apos;?</source>
        <translation>{name} 的未知超参数；你是不是想写 &apos;{alias}&apos;？</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="640"/>
        <source>{name} has no &apos;momentum&apos;; its momentum coefficient is betas[0]</source>
        <translation>{name} 没有 &apos;momentum&apos;；它的动量系数是 betas[0]</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="643"/>
        <source>{name} has no &apos;betas&apos;; did you mean &apos;momentum&apos;?</source>
        <translation>{name} 没有 &apos;betas&apos;；你是不是想写 &apos;momentum&apos;？</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="646"/>
        <source>unknown hyperparameter of {name} (did you mean &apos;{close}&apos;?); {name} takes {allowed}</source>
        <translation>{name} 的未知超参数（你是不是想写 &apos;{close}&apos;？）；{name} 接受 {allowed}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="650"/>
        <source>unknown hyperparameter of {name}; {name} takes {allowed}</source>
        <translation>{name} 的未知超参数；{name} 接受 {allowed}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="686"/>
        <source>unknown optimizer {value}; one of {names}</source>
        <translation>未知优化器 {value}；可选 {names}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="689"/>
        <source>expected a number &gt;= 0 ({why}), got {value}</source>
        <translation>应为 &gt;= 0 的数（{why}），得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="692"/>
        <source>expected a number in [0, 1] (the decay of the running averages), got {value}</source>
        <translation>应为 [0, 1] 内的数（滑动平均的衰减率），得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="695"/>
        <source>betas[0] must be in [0, 1) (the decay of the first moment), got {value}</source>
        <translation>betas[0] 必须在 [0, 1) 内（一阶矩的衰减率），得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="698"/>
        <source>betas[1] must be in [0, 1) (the decay of the second moment), got {value}</source>
        <translation>betas[1] 必须在 [0, 1) 内（二阶矩的衰减率），得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="701"/>
        <source>Nesterov momentum needs momentum &gt; 0 and dampening = 0, got momentum = {momentum} and dampening = {dampening}</source>
        <translation>Nesterov 动量需要 momentum &gt; 0 且 dampening = 0，得到的是 momentum = {momentum}、dampening = {dampening}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="743"/>
        <source>{file}: steps: expected a whole number from 0 to {most:,}, got {value}</source>
        <translation>{file}：steps：应为 0 到 {most:,} 之间的整数，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="749"/>
        <source>{file}: is a folder, not a scene file</source>
        <translation>{file}：是一个文件夹，不是场景文件</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="752"/>
        <source>{file}: not a text file (expected UTF-8 TOML)</source>
        <translation>{file}：不是文本文件（应为 UTF-8 编码的 TOML）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="755"/>
        <source>{file}: cannot be read: {reason}</source>
        <translation>{file}：无法读取：{reason}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="746"/>
        <source>{file}: not valid TOML: {error}</source>
        <translation>{file}：不是有效的 TOML：{error}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="768"/>
        <source>Invalid statement</source>
        <translation>无效的语句</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="771"/>
        <source>Invalid value</source>
        <translation>无效的值</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="774"/>
        <source>Expected newline or end of document after a statement</source>
        <translation>语句之后应为换行或文档结尾</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="777"/>
        <source>Cannot overwrite a value</source>
        <translation>不能覆盖已有的值</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="780"/>
        <source>Expected &apos;]&apos; at the end of a table declaration</source>
        <translation>表声明的末尾应为 &apos;]&apos;</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="783"/>
        <source>Expected &apos;]]&apos; at the end of an array declaration</source>
        <translation>数组表声明的末尾应为 &apos;]]&apos;</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="786"/>
        <source>Expected &apos;=&apos; after a key in a key/value pair</source>
        <translation>键值对中的键之后应为 &apos;=&apos;</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="789"/>
        <source>Invalid initial character for a key part</source>
        <translation>键的首字符无效</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="792"/>
        <source>Unclosed array</source>
        <translation>数组没有闭合</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="795"/>
        <source>Unclosed inline table</source>
        <translation>内联表没有闭合</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="798"/>
        <source>Unescaped &apos;\&apos; in a string</source>
        <translation>字符串中有未转义的 &apos;\&apos;</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="801"/>
        <source>Invalid hex value</source>
        <translation>无效的十六进制值</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="804"/>
        <source>Escaped character is not a Unicode scalar value</source>
        <translation>转义字符不是 Unicode 标量值</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="807"/>
        <source>Unterminated string</source>
        <translation>字符串没有结束</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="810"/>
        <source>Invalid date or datetime</source>
        <translation>无效的日期或日期时间</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="813"/>
        <source>Expected {what}</source>
        <translation>应为 {what}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="816"/>
        <source>Found invalid character {char}</source>
        <translation>发现无效字符 {char}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="819"/>
        <source>Illegal character {char}</source>
        <translation>非法字符 {char}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="822"/>
        <source>Cannot declare {key} twice</source>
        <translation>不能两次声明 {key}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="825"/>
        <source>Cannot mutate immutable namespace {key}</source>
        <translation>不能修改不可变的命名空间 {key}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="828"/>
        <source>Cannot redefine namespace {key}</source>
        <translation>不能重新定义命名空间 {key}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="831"/>
        <source>Duplicate inline table key {key}</source>
        <translation>内联表中的键 {key} 重复</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="834"/>
        <source>{problem} (at end of document)</source>
        <translation>{problem}（在文档末尾）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="837"/>
        <source>{problem} (at line {line}, column {column})</source>
        <translation>{problem}（第 {line} 行，第 {column} 列）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="846"/>
        <source>{file}: {where} &apos;{key}&apos;: {problem}</source>
        <translation>{file}: {where} &apos;{key}&apos;: {problem}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="849"/>
        <source>{file}: {where}: {problem}</source>
        <translation>{file}: {where}: {problem}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="852"/>
        <source>unknown key (did you mean &apos;{close}&apos;?); allowed: {allowed}</source>
        <translation>未知的键（你是不是想写 &apos;{close}&apos;？）；允许的键：{allowed}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="855"/>
        <source>unknown key; allowed: {allowed}</source>
        <translation>未知的键；允许的键：{allowed}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="758"/>
        <source>top level</source>
        <translation>顶层</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="858"/>
        <source>a scene must be a TOML table</source>
        <translation>场景必须是一个 TOML 表</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="861"/>
        <source>expected [[run]] tables</source>
        <translation>应为 [[run]] 表</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="527"/>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="530"/>
        <source>expected a kebab-case name like &quot;lr-too-large&quot;, got {value}</source>
        <translation>应为 kebab-case 形式的名称，例如 &quot;lr-too-large&quot;，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="536"/>
        <source>unknown topic {value}; one of {names}</source>
        <translation>未知主题 {value}；可选 {names}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="539"/>
        <source>expected [dx, dy], two finite numbers, got {value}</source>
        <translation>应为 [dx, dy]，即两个有限数，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="542"/>
        <source>expected a list of names, got {value}</source>
        <translation>应为名称列表，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="871"/>
        <source>give either builtin or expr, not both</source>
        <translation>builtin 和 expr 只能给出其中一个，不能同时给出</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="880"/>
        <source>expected a surface name, got {value}</source>
        <translation>应为曲面名称，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="889"/>
        <source>only allowed with expr (a built-in surface has its own parameters and data)</source>
        <translation>只能与 expr 一起使用（内置曲面有自己的参数和数据）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="892"/>
        <source>expected a formula string, got {value}</source>
        <translation>应为公式字符串，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="895"/>
        <source>required with expr: [[xmin, xmax], [ymin, ymax]]</source>
        <translation>使用 expr 时必填：[[xmin, xmax], [ymin, ymax]]</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="898"/>
        <source>expected two names like [&quot;w&quot;, &quot;b&quot;], got {value}</source>
        <translation>应为两个名称，例如 [&quot;w&quot;, &quot;b&quot;]，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="901"/>
        <source>the two parameter names must differ</source>
        <translation>两个参数名必须不同</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="904"/>
        <source>expected a CSV file path, got {value}</source>
        <translation>应为 CSV 文件路径，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="925"/>
        <source>expected [[xmin, xmax], [ymin, ymax]], got {value}</source>
        <translation>应为 [[xmin, xmax], [ymin, ymax]]，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="931"/>
        <source>each run needs its own label</source>
        <translation>每个运行都需要自己的标签</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="937"/>
        <source>required; one of {names}</source>
        <translation>必填；可选 {names}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="940"/>
        <source>expected a non-empty string, got {value}</source>
        <translation>应为非空字符串，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="943"/>
        <source>expected a whole number from 0 to {most:,}, got {value}</source>
        <translation>应为 0 到 {most:,} 之间的整数，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="946"/>
        <source>expected a whole number &gt;= 1, got {value}</source>
        <translation>应为 &gt;= 1 的整数，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="949"/>
        <source>expected a whole number &gt;= 0, got {value}</source>
        <translation>应为 &gt;= 0 的整数，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="952"/>
        <source>expected &quot;#rrggbb&quot; or one of {names}, got {value}</source>
        <translation>应为 &quot;#rrggbb&quot; 或以下之一：{names}，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="955"/>
        <source>required ({names})</source>
        <translation>必填（{names}）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="964"/>
        <source>expected a table [run.{key}], got {value}</source>
        <translation>应为表 [run.{key}]，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="967"/>
        <source>expected a number &gt;= 0, got {value}</source>
        <translation>应为 &gt;= 0 的数，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="970"/>
        <source>has no effect without patience</source>
        <translation>没有 patience 时不起作用</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="985"/>
        <source>required: the first step whose weights are averaged</source>
        <translation>必填：开始对权重取平均的第一步</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="988"/>
        <source>expected a step number &gt;= 1, got {value}</source>
        <translation>应为 &gt;= 1 的步数，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="991"/>
        <source>expected a learning rate &gt;= 0, got {value}</source>
        <translation>应为 &gt;= 0 的学习率，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="994"/>
        <source>required: a point [x, y], or a swarm {{grid = [[x0, x1], [y0, y1]], n = [nx, ny]}} or {{points = [[x, y], ...]}}</source>
        <translation>必填：一个点 [x, y]，或一群起点 {{grid = [[x0, x1], [y0, y1]], n = [nx, ny]}} 或 {{points = [[x, y], ...]}}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="998"/>
        <source>expected a point [x, y] of two finite numbers, got {value}</source>
        <translation>应为由两个有限数组成的点 [x, y]，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1001"/>
        <source>expected [x, y] or a swarm table, got {value}</source>
        <translation>应为 [x, y] 或起点群表，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1004"/>
        <source>at most {most:,} points</source>
        <translation>最多 {most:,} 个点</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1007"/>
        <source>points must be a non-empty list of [x, y] pairs of finite numbers</source>
        <translation>points 必须是由有限数对 [x, y] 组成的非空列表</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1017"/>
        <source>n must be [nx, ny], whole numbers &gt;= 1, got {value}</source>
        <translation>n 必须是 [nx, ny]，且为 &gt;= 1 的整数，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1020"/>
        <source>a swarm of at most {most:,} starts, got {nx} x {ny}</source>
        <translation>起点群最多包含 {most:,} 个起点，得到的是 {nx} x {ny}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1023"/>
        <source>a swarm table has either points = [...] or grid = [...] with n = [nx, ny]; got keys {keys}</source>
        <translation>起点群表要么是 points = [...]，要么是 grid = [...] 加上 n = [nx, ny]；得到的键是 {keys}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1027"/>
        <source>a swarm table has either points = [...] or grid = [...] with n = [nx, ny]; got keys none</source>
        <translation>起点群表要么是 points = [...]，要么是 grid = [...] 加上 n = [nx, ny]；但表中没有任何键</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1410"/>
        <source>a table</source>
        <translation>一个表</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1413"/>
        <source>expected a string, got {value}</source>
        <translation>应为字符串，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1416"/>
        <source>expected a table, got {value}</source>
        <translation>应为表，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1071"/>
        <source>[run.{key}] of {where}</source>
        <translation>{where} 的 [run.{key}]</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="10"/>
        <source>steps must be &gt;= 0</source>
        <translation>步数必须 &gt;= 0</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="13"/>
        <source>run {label!r}: [run.schedule] {key}: {problem} (for {steps} steps)</source>
        <translation>运行 {label!r}：[run.schedule] {key}：{problem}（按 {steps} 步）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="26"/>
        <source>{name} must be a number of bytes, got {value}</source>
        <translation>{name} 必须是字节数，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="250"/>
        <source>a formula needs exactly two parameter names, got {value}</source>
        <translation>公式需要恰好两个参数名，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="253"/>
        <source>columns must be a sequence of names, got {value}</source>
        <translation>数据列必须是名称序列，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="256"/>
        <source>column name {name} is not a valid name: use letters, digits and _, not starting with a digit, not a Python keyword</source>
        <translation>列名 {name} 不是有效的名称：请使用字母、数字和 _，不要以数字开头，也不要用 Python 关键字</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="260"/>
        <source>parameter name {name} is not a valid name: use letters, digits and _, not starting with a digit, not a Python keyword</source>
        <translation>参数名 {name} 不是有效的名称：请使用字母、数字和 _，不要以数字开头，也不要用 Python 关键字</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="264"/>
        <source>column name {name} is already the name of a function; choose another name</source>
        <translation>列名 {name} 已是一个函数的名称；请换一个名称</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="267"/>
        <source>parameter name {name} is already the name of a function; choose another name</source>
        <translation>参数名 {name} 已是一个函数的名称；请换一个名称</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="270"/>
        <source>column name {name} is already the name of a constant; choose another name</source>
        <translation>列名 {name} 已是一个常数的名称；请换一个名称</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="273"/>
        <source>parameter name {name} is already the name of a constant; choose another name</source>
        <translation>参数名 {name} 已是一个常数的名称；请换一个名称</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="276"/>
        <source>column name {name} is used twice; the parameters and data columns need distinct names</source>
        <translation>列名 {name} 用了两次；参数和数据列的名称必须互不相同</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="280"/>
        <source>parameter name {name} is used twice; the parameters and data columns need distinct names</source>
        <translation>参数名 {name} 用了两次；参数和数据列的名称必须互不相同</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="434"/>
        <source>bounds need min &lt; max, got {value}</source>
        <translation>范围需要 min &lt; max，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="452"/>
        <source>{file}: dataset {ds} must hold at least 2 finite, strictly increasing coordinates</source>
        <translation>{file}：数据集 {ds} 必须包含至少 2 个有限且严格递增的坐标</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="455"/>
        <source>{file}: dataset {ds} has shape {shape}, expected ({nx}, {ny}) for {nx} x and {ny} y coordinates</source>
        <translation>{file}：数据集 {ds} 的形状为 {shape}，应为 ({nx}, {ny})（{nx} 个 x 坐标和 {ny} 个 y 坐标）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="459"/>
        <source>{file}: dataset {ds} holds {nx:,} x {ny:,} values, more than the {most:,} a landscape is read from</source>
        <translation>{file}：数据集 {ds} 有 {nx:,} x {ny:,} 个值，超过了读取地形时的上限 {most:,}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="463"/>
        <source>{file}: dataset {ds} has {n} values that are not finite</source>
        <translation>{file}：数据集 {ds} 中有 {n} 个值不是有限数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="466"/>
        <source>{file}: dataset {ds} has {n} negative values (-1 marks points the reference code has not computed yet)</source>
        <translation>{file}：数据集 {ds} 中有 {n} 个负值（-1 表示参考代码尚未计算的点）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="480"/>
        <source>{file}: no dataset {ds} (the file has nothing)</source>
        <translation>{file}：没有数据集 {ds}（文件中什么也没有）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="483"/>
        <source>{file}: no dataset {ds} (the file has {have})</source>
        <translation>{file}：没有数据集 {ds}（文件中有 {have}）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="486"/>
        <source>{file}: {ds} is a link to {target} in another file; only datasets stored in the file itself are read</source>
        <translation>{file}：{ds} 是指向另一个文件中 {target} 的链接；只读取存放在该文件本身中的数据集</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="490"/>
        <source>{file}: {ds} is a link to nothing</source>
        <translation>{file}：{ds} 是一个指向不存在对象的链接</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="493"/>
        <source>{file}: {ds} is a group, expected a dataset</source>
        <translation>{file}：{ds} 是一个组，而这里需要数据集</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="496"/>
        <source>{file}: dataset {ds} keeps its values in other files (a virtual or external dataset); only datasets stored in the file itself are read</source>
        <translation>{file}：数据集 {ds} 的值存放在其他文件中（虚拟或外部数据集）；只读取存放在该文件本身中的数据集</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="500"/>
        <source>{file}: dataset {ds} does not hold numbers</source>
        <translation>{file}：数据集 {ds} 存放的不是数字</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="503"/>
        <source>{file}: dataset {ds} has {n} dimension(s), expected {ndim}</source>
        <translation>{file}：数据集 {ds} 有 {n} 个维度，应为 {ndim} 个</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="506"/>
        <source>{file}: dataset {ds} holds {n:,} coordinates, more than {most:,}</source>
        <translation>{file}：数据集 {ds} 有 {n:,} 个坐标，超过了 {most:,}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="509"/>
        <source>{file}: dataset {ds} cannot be read ({error})</source>
        <translation>{file}：无法读取数据集 {ds}（{error}）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1074"/>
        <source>a scene needs at least one run</source>
        <translation>场景至少需要一个运行</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1077"/>
        <source>there is no run {index} in this scene</source>
        <translation>此场景中没有运行 {index}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1080"/>
        <source>not supported: a schedule starts at step 0 with its run</source>
        <translation>不支持：学习率调度总是与它的运行一起从第 0 步开始</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1083"/>
        <source>removed from torch.optim.lr_scheduler; not supported</source>
        <translation>已从 torch.optim.lr_scheduler 中移除；不支持</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1086"/>
        <source>not a schedule setting: a schedule drives the optimizer of its own run</source>
        <translation>不是学习率调度的设置：调度作用于它所在运行的优化器</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1089"/>
        <source>a Python function cannot come from a scene; choose a mode (triangular, triangular2 or exp_range)</source>
        <translation>场景中不能写 Python 函数；请选择一种 mode（triangular、triangular2 或 exp_range）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1097"/>
        <source>gdstudio counts steps, not epochs: give total_steps (default: the run&apos;s steps)</source>
        <translation>gdstudio 按步数而不是轮数（epoch）计数：请给出 total_steps（默认为该运行的步数）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1100"/>
        <source>onecycle has no base_lr: it starts at max_lr / div_factor</source>
        <translation>onecycle 没有 base_lr：它从 max_lr / div_factor 开始</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1103"/>
        <source>onecycle has no min_lr: it ends at max_lr / div_factor / final_div_factor</source>
        <translation>onecycle 没有 min_lr：它以 max_lr / div_factor / final_div_factor 结束</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1106"/>
        <source>cyclic runs for ever: it takes step_size_up and step_size_down</source>
        <translation>cyclic 会一直循环下去：它接受 step_size_up 和 step_size_down</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1109"/>
        <source>a number &gt;= 0</source>
        <translation>&gt;= 0 的数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1112"/>
        <source>a number &gt; 0</source>
        <translation>&gt; 0 的数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1115"/>
        <source>a whole number &gt;= 0</source>
        <translation>&gt;= 0 的整数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1118"/>
        <source>a whole number &gt;= 1</source>
        <translation>&gt;= 1 的整数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1121"/>
        <source>a number in [0, 1]</source>
        <translation>[0, 1] 内的数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1124"/>
        <source>a count of steps</source>
        <translation>它是步数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1127"/>
        <source>a learning rate cannot become negative</source>
        <translation>学习率不能变为负数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1130"/>
        <source>torch&apos;s ConstantLR: &apos;Constant multiplicative factor expected to be between 0 and 1&apos;</source>
        <translation>torch 的 ConstantLR 要求：常数乘法因子应在 0 到 1 之间</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1134"/>
        <source>the period of the decay</source>
        <translation>它是衰减的周期</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1137"/>
        <source>the half period; torch divides by it</source>
        <translation>它是半周期；torch 会用它作除数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1140"/>
        <source>torch&apos;s CosineAnnealingWarmRestarts: &apos;Expected positive integer T_0&apos;</source>
        <translation>torch 的 CosineAnnealingWarmRestarts 要求 T_0 为正整数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1143"/>
        <source>torch&apos;s CosineAnnealingWarmRestarts: &apos;Expected integer T_mult &gt;= 1&apos;</source>
        <translation>torch 的 CosineAnnealingWarmRestarts 要求 T_mult 为 &gt;= 1 的整数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1146"/>
        <source>torch divides by it (step_size_up = 0 is a ZeroDivisionError)</source>
        <translation>torch 会用它作除数（step_size_up = 0 会导致 ZeroDivisionError）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1149"/>
        <source>torch&apos;s OneCycleLR: &apos;Expected positive integer total_steps&apos;</source>
        <translation>torch 的 OneCycleLR 要求 total_steps 为正整数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1152"/>
        <source>torch&apos;s OneCycleLR: &apos;Expected float between 0 and 1 pct_start&apos;</source>
        <translation>torch 的 OneCycleLR 要求 pct_start 为 0 到 1 之间的浮点数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1155"/>
        <source>the first lr is max_lr / div_factor</source>
        <translation>初始学习率为 max_lr / div_factor</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1158"/>
        <source>the last lr is max_lr / div_factor / final_div_factor</source>
        <translation>最终学习率为 max_lr / div_factor / final_div_factor</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1161"/>
        <source>a number in (0, 1]</source>
        <translation>(0, 1] 内的数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1164"/>
        <source>torch&apos;s LinearLR: &apos;Starting multiplicative factor expected to be greater than 0 and less or equal to 1&apos;</source>
        <translation>torch 的 LinearLR 要求：起始乘法因子应大于 0 且小于等于 1</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1168"/>
        <source>torch&apos;s LinearLR: &apos;Ending multiplicative factor expected to be between 0 and 1&apos;</source>
        <translation>torch 的 LinearLR 要求：结束乘法因子应在 0 到 1 之间</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1171"/>
        <source>a number in [0, 1)</source>
        <translation>[0, 1) 内的数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1174"/>
        <source>torch&apos;s ReduceLROnPlateau: &apos;Factor should be &lt; 1.0&apos;; new lr = lr * factor</source>
        <translation>torch 的 ReduceLROnPlateau 要求 factor &lt; 1.0；新学习率 = lr * factor</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1177"/>
        <source>the margin an improvement must beat</source>
        <translation>改进必须超过的幅度</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1180"/>
        <source>the smallest reduction that is applied</source>
        <translation>会被实际应用的最小降幅</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="548"/>
        <source>expected one of {names}, got {value}</source>
        <translation>应为以下之一：{names}，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="606"/>
        <source>expected a whole number, got {value}</source>
        <translation>应为整数，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1190"/>
        <source>expected a list of whole numbers, got {value}</source>
        <translation>应为整数列表，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1193"/>
        <source>expected whole numbers &gt;= 0 (steps), got {value}</source>
        <translation>应为 &gt;= 0 的整数（步数），得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1196"/>
        <source>expected the name of a schedule, got {value}; one of {names}</source>
        <translation>应为学习率调度的名称，得到的是 {value}；可选 {names}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1202"/>
        <source>unknown schedule {value}; one of {names}</source>
        <translation>未知的学习率调度 {value}；可选 {names}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1205"/>
        <source>unknown key of {kind} (did you mean &apos;{close}&apos;?); {kind} takes {allowed}</source>
        <translation>{kind} 的未知键（你是不是想写 &apos;{close}&apos;？）；{kind} 接受 {allowed}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1208"/>
        <source>unknown key of {kind}; {kind} takes {allowed}</source>
        <translation>{kind} 的未知键；{kind} 接受 {allowed}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1211"/>
        <source>factor 0 cannot be undone: torch&apos;s ConstantLR multiplies the lr by 1.0 / factor at total_iters = {n}, within the run&apos;s {steps} steps (ZeroDivisionError)</source>
        <translation>factor 为 0 无法恢复：torch 的 ConstantLR 会在 total_iters = {n} 时把学习率乘以 1.0 / factor，而这发生在该运行的 {steps} 步之内（ZeroDivisionError）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1215"/>
        <source>expected a number in [0, 1] with mode &quot;exp_range&quot; (torch requires 0 &lt;= scale_fn(x) &lt;= 1, and the amplitude is scaled by gamma ** step), got {value}</source>
        <translation>在 mode &quot;exp_range&quot; 下应为 [0, 1] 内的数（torch 要求 0 &lt;= scale_fn(x) &lt;= 1，且振幅按 gamma ** step 缩放），得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1219"/>
        <source>mode {mode} scales by {implied}: torch ignores scale_mode unless given a custom scale_fn, which a scene cannot give; leave it out</source>
        <translation>mode {mode} 的缩放方式是 {implied}：除非给出自定义的 scale_fn（场景无法给出），torch 会忽略 scale_mode；请删去它</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1223"/>
        <source>expected at least the run&apos;s steps ({steps}), got {total}: torch&apos;s OneCycleLR refuses to step past total_steps</source>
        <translation>应至少为该运行的步数（{steps}），得到的是 {total}：torch 的 OneCycleLR 不允许迭代超过 total_steps</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1227"/>
        <source>{name} has neither momentum nor betas; torch&apos;s {torch}: &apos;optimizer must support momentum or beta1 with `cycle_momentum` option enabled&apos;</source>
        <translation>{name} 既没有动量也没有 betas；torch 的 {torch} 要求启用 cycle_momentum 时优化器必须支持 momentum 或 beta1</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1231"/>
        <source>expected a number in [0, 1) with {name}, whose betas[0] it sets, got {value}</source>
        <translation>对于 {name}，应为 [0, 1) 内的数（它设置的是 betas[0]），得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1234"/>
        <source>in its constructor</source>
        <translation>在其构造函数中</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1237"/>
        <source>in its step after step {step}</source>
        <translation>在第 {step} 步之后的那一步中</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1240"/>
        <source>with pct_start = {pct} and total_steps = {total} the first phase of torch&apos;s OneCycleLR has no length: torch divides by zero {when}; change pct_start or total_steps</source>
        <translation>当 pct_start = {pct}、total_steps = {total} 时，torch 的 OneCycleLR 的第一阶段长度为零：torch 会{when}除以零；请修改 pct_start 或 total_steps</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1245"/>
        <source>with pct_start = {pct} and total_steps = {total} the second phase of torch&apos;s OneCycleLR has no length: torch divides by zero {when}; change pct_start or total_steps</source>
        <translation>当 pct_start = {pct}、total_steps = {total} 时，torch 的 OneCycleLR 的第二阶段长度为零：torch 会{when}除以零；请修改 pct_start 或 total_steps</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1250"/>
        <source>with pct_start = {pct} and total_steps = {total} the third phase of torch&apos;s OneCycleLR has no length: torch divides by zero {when}; change pct_start or total_steps</source>
        <translation>当 pct_start = {pct}、total_steps = {total} 时，torch 的 OneCycleLR 的第三阶段长度为零：torch 会{when}除以零；请修改 pct_start 或 total_steps</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1255"/>
        <source>expected a table with a kind, got {value}</source>
        <translation>应为带有 kind 的表，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1258"/>
        <source>required by {kind} (torch&apos;s {torch})</source>
        <translation>{kind}（torch 的 {torch}）需要此项</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1261"/>
        <source>expected {expected} ({why}), got {value}</source>
        <translation>应为 {expected}（{why}），得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1282"/>
        <source>{file}: no such data file</source>
        <translation>{file}：数据文件不存在</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1285"/>
        <source>{file}: is a folder, expected a CSV file</source>
        <translation>{file}：是一个文件夹，而这里需要 CSV 文件</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1288"/>
        <source>{file}: cannot read the data file: {reason}</source>
        <translation>{file}：无法读取数据文件：{reason}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1294"/>
        <source>{file}, line {line}: not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8 CSV</source>
        <translation>{file}，第 {line} 行：不是 UTF-8 文本（字节 0x{byte:02x}）；请将文件另存为 UTF-8 编码的 CSV</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1305"/>
        <source>{n} value</source>
        <translation>{n} 个值</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1308"/>
        <source>{n} values</source>
        <translation>{n} 个值</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1311"/>
        <source>{where}: {values}, but the header (line {line}) names {m} column ({columns})</source>
        <translation>{where}：有 {values}，但表头（第 {line} 行）给出了 {m} 列（{columns}）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1314"/>
        <source>{where}: {values}, but the header (line {line}) names {m} columns ({columns})</source>
        <translation>{where}：有 {values}，但表头（第 {line} 行）给出了 {m} 列（{columns}）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1320"/>
        <source>{where}: the file is empty; expected a header row of column names (like x,y) and rows of numbers</source>
        <translation>{where}：文件为空；应有一行列名作为表头（如 x,y），之后是若干行数字</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1324"/>
        <source>{where}: no header row, only comments; expected a line of column names (like x,y)</source>
        <translation>{where}：没有表头行，只有注释；应有一行列名（如 x,y）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1327"/>
        <source>{where}: a header ({columns}) but no data rows after it</source>
        <translation>{where}：有表头（{columns}），但之后没有数据行</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1330"/>
        <source>{file}, line {line}</source>
        <translation>{file}，第 {line} 行</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1336"/>
        <source>{where}: column {j} of the header has no name</source>
        <translation>{where}：表头的第 {j} 列没有名称</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1371"/>
        <source>data needs at least one column and one row</source>
        <translation>数据至少需要一列和一行</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1374"/>
        <source>data must be a CSV path or a dict of columns, not {type}</source>
        <translation>data 必须是 CSV 路径或由列组成的字典，而不是 {type}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1383"/>
        <source>name the parameters differently, e.g. params = [&quot;w&quot;, &quot;b&quot;] (the columns are {columns})</source>
        <translation>请给参数换个名称，例如 params = [&quot;w&quot;, &quot;b&quot;]（数据列为 {columns}）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1432"/>
        <source>size must look like 1280x720, not {text!r}</source>
        <translation>尺寸应形如 1280x720，而不是 {text!r}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1435"/>
        <source>size {text} is out of range (16x16 to 7680x4320)</source>
        <translation>尺寸 {text} 超出范围（16x16 到 7680x4320）</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1438"/>
        <source>cannot write {file}</source>
        <translation>无法写入 {file}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1441"/>
        <source>{file}: a picture must end in .png or .svg</source>
        <translation>{file}：图片文件名必须以 .png 或 .svg 结尾</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1444"/>
        <source>there is no run to export</source>
        <translation>没有可导出的运行</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1447"/>
        <source>the run failed; nothing to export</source>
        <translation>运行失败；没有可导出的内容</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1450"/>
        <source>the run took too long to compute</source>
        <translation>运行的计算时间过长</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1453"/>
        <source>{file}: a video must end in .gif or .mp4</source>
        <translation>{file}：视频文件名必须以 .gif 或 .mp4 结尾</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1456"/>
        <source>writing GIF or MP4 videos needs the optional video packages: pip install &quot;gdstudio[video]&quot;</source>
        <translation>写入 GIF 或 MP4 视频需要可选的视频组件：pip install &quot;gdstudio[video]&quot;</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="75"/>
        <source>cannot write {file}: {reason}</source>
        <translation>无法写入 {file}：{reason}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1344"/>
        <source>{where}: columns {i} and {j} of the header have the same name {col}</source>
        <translation>{where}：表头的第 {i} 列和第 {j} 列同名 {col}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1347"/>
        <source>{where}, column {col}: empty value, expected a number</source>
        <translation>{where}，列 {col}：值为空，应为数字</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1350"/>
        <source>{where}, column {col}: not a number</source>
        <translation>{where}，列 {col}：不是数字</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1353"/>
        <source>{where}, column {col}: {text} is not a finite number</source>
        <translation>{where}，列 {col}：{text} 不是有限数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1356"/>
        <source>data column name {col} cannot be used in a formula</source>
        <translation>数据列名 {col} 不能在公式中使用</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1359"/>
        <source>data column {col}: values must be numbers</source>
        <translation>数据列 {col}：值必须是数字</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1362"/>
        <source>data column {col}: expected a 1-D sequence of numbers, got shape {shape}</source>
        <translation>数据列 {col}：应为一维数字序列，得到的形状是 {shape}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1365"/>
        <source>data column {col}, row {i}: {value} is not a finite number</source>
        <translation>数据列 {col}，第 {i} 行：{value} 不是有限数</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1368"/>
        <source>data column {col} has {n} rows, the others {m}</source>
        <translation>数据列 {col} 有 {n} 行，而其他列有 {m} 行</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1377"/>
        <source>data column {col} of {file} has the name of a parameter</source>
        <translation>{file} 中的数据列 {col} 与某个参数同名</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1380"/>
        <source>data column {col} has the name of a parameter</source>
        <translation>数据列 {col} 与某个参数同名</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1387"/>
        <source>unknown surface {name}; did you mean {a}? the built-in surfaces are: {names}</source>
        <translation>未知曲面 {name}；你是不是想找 {a}？内置曲面有：{names}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1390"/>
        <source>unknown surface {name}; did you mean {a} or {b}? the built-in surfaces are: {names}</source>
        <translation>未知曲面 {name}；你是不是想找 {a} 或 {b}？内置曲面有：{names}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1394"/>
        <source>unknown surface {name}; did you mean {a} or {b} or {c}? the built-in surfaces are: {names}</source>
        <translation>未知曲面 {name}；你是不是想找 {a}、{b} 或 {c}？内置曲面有：{names}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1398"/>
        <source>unknown surface {name}; the built-in surfaces are: {names}</source>
        <translation>未知曲面 {name}；内置曲面有：{names}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1401"/>
        <source>params must be two names like [&quot;w&quot;, &quot;b&quot;], got {value}</source>
        <translation>params 必须是两个名称，例如 [&quot;w&quot;, &quot;b&quot;]，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1404"/>
        <source>parameter name {name} is not a valid name</source>
        <translation>参数名 {name} 不是有效的名称</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1407"/>
        <source>the two parameter names must differ, got {name} twice</source>
        <translation>两个参数名必须不同，但 {name} 出现了两次</translation>
    </message>
    <message>
        <location filename="../../build/i18n/core_messages.py" line="1460"/>
        <source>not a value: {text} ({error})</source>
        <translation>不是有效的值：{text}（{error}）</translation>
    </message>
</context>
<context>
    <name>display</name>
    <message>
        <location filename="../../gdstudio/gui/draw/display.py" line="81"/>
        <source>loss above %1 clipped for display</source>
        <translation>高于 %1 的损失在显示时被截断</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/draw/display.py" line="85"/>
        <source>%1 grid points overflow (not finite), drawn at the top</source>
        <translation>%1 个网格点溢出（非有限值），画在顶部</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/draw/display.py" line="88"/>
        <source>%1 grid point overflows (not finite), drawn at the top</source>
        <translation>%1 个网格点溢出（非有限值），画在顶部</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/draw/display.py" line="91"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/draw/display.py" line="98"/>
        <source>overflow</source>
        <translation>溢出</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="392"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="403"/>
        <source>3D view as PNG...</source>
        <translation>三维视图导出为 PNG...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="404"/>
        <source>Contour pane as PNG or SVG...</source>
        <translation>等高线图导出为 PNG 或 SVG...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="406"/>
        <source>Loss plot as PNG or SVG...</source>
        <translation>损失曲线导出为 PNG 或 SVG...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="408"/>
        <source>Run as GIF or MP4...</source>
        <translation>运行过程导出为 GIF 或 MP4...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="409"/>
        <source>Trajectories as CSV or JSON...</source>
        <translation>轨迹导出为 CSV 或 JSON...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="413"/>
        <source>Copy view to clipboard</source>
        <translation>复制视图到剪贴板</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="426"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="432"/>
        <source>Export 3D view</source>
        <translation>导出三维视图</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="433"/>
        <source>Size:</source>
        <translation>尺寸：</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="437"/>
        <source>PNG pictures (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="468"/>
        <source>View copied to the clipboard</source>
        <translation>视图已复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="471"/>
        <source>Export pane</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="472"/>
        <source>PNG or SVG (*.png *.svg)</source>
        <translation>PNG 或 SVG (*.png *.svg)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="494"/>
        <source>3D view</source>
        <translation>三维视图</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="495"/>
        <source>contour pane</source>
        <translation>等高线图</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="496"/>
        <location filename="../../gdstudio/gui/features/export.py" line="502"/>
        <source>Export run</source>
        <translation>导出运行过程</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="497"/>
        <source>View:</source>
        <translation>视图：</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="503"/>
        <source>Videos (*.mp4 *.gif)</source>
        <translation>视频 (*.mp4 *.gif)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="522"/>
        <source>Writing frames...</source>
        <translation>正在写入帧...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="523"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="547"/>
        <source>Export trajectories</source>
        <translation>导出轨迹</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/features/export.py" line="548"/>
        <source>CSV or JSON (*.csv *.json)</source>
        <translation>CSV 或 JSON (*.csv *.json)</translation>
    </message>
</context>
<context>
    <name>surfaces</name>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="20"/>
        <source>Sphere: the simplest round convex bowl; every method finds its one minimum.</source>
        <translation>球面函数：最简单的圆形凸碗；每种方法都能找到它唯一的最小值。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="23"/>
        <source>Rosenbrock&apos;s banana: a curved, flat-bottomed valley, easy to reach, slow to follow.</source>
        <translation>Rosenbrock 香蕉函数：一条弯曲、谷底平坦的山谷，容易到达，却很难沿着它前进。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="26"/>
        <source>Himmelblau&apos;s function: four equally deep minima; the start decides which one you reach.</source>
        <translation>Himmelblau 函数：四个同样深的最小值；起点决定最终到达哪一个。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="30"/>
        <source>Beale&apos;s function: flat valleys between walls that rise like y**6 at the corners.</source>
        <translation>Beale 函数：平坦的山谷夹在四壁之间，四角处按 y**6 急剧升高。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="33"/>
        <source>Booth&apos;s function: a tilted elongated quadratic bowl (condition number 9).</source>
        <translation>Booth 函数：一个倾斜、拉长的二次碗（条件数 9）。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="36"/>
        <source>Rastrigin&apos;s function: a bowl under an egg crate of regularly spaced local minima.</source>
        <translation>Rastrigin 函数：一个碗上覆盖着蛋托般规则排列的局部最小值。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="39"/>
        <source>Ackley&apos;s function: a bumpy, nearly flat plateau around a deep funnel, with a kink at the minimum.</source>
        <translation>Ackley 函数：深漏斗周围是起伏而近乎平坦的高原，最小值处有一个尖点。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="43"/>
        <source>Goldstein-Price function: values spanning six orders of magnitude, several local minima.</source>
        <translation>Goldstein-Price 函数：函数值跨越六个数量级，有多个局部最小值。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="47"/>
        <source>Six-hump camel: six local minima, two of them global, mirror images through the origin.</source>
        <translation>六峰驼背函数：六个局部最小值，其中两个是全局最小值，关于原点对称。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="51"/>
        <source>Three-hump camel: a global minimum at the origin between two shallower local ones.</source>
        <translation>三峰驼背函数：全局最小值位于原点，两侧各有一个较浅的局部最小值。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="54"/>
        <source>Matyas function: a nearly flat quadratic valley along y = x (condition number 25).</source>
        <translation>Matyas 函数：沿 y = x 方向近乎平坦的二次山谷（条件数 25）。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="57"/>
        <source>Levi function N.13: a rippled valley full of local minima around the global one.</source>
        <translation>Levi 函数 N.13：布满波纹的山谷，全局最小值周围遍布局部最小值。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="60"/>
        <source>Styblinski-Tang function: four basins, one per quadrant; the deepest is at the lower left.</source>
        <translation>Styblinski-Tang 函数：四个盆地，每个象限一个；最深的在左下方。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="64"/>
        <source>McCormick function: a tilted trough with a sine ripple; minimum at (1/2 - pi/3, -1/2 - pi/3).</source>
        <translation>McCormick 函数：带正弦波纹的倾斜槽谷；最小值位于 (1/2 - pi/3, -1/2 - pi/3)。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="68"/>
        <source>Easom function: flat almost everywhere (usually searched on [-100, 100]) with one narrow well at (pi, pi).</source>
        <translation>Easom 函数：几乎处处平坦（通常在 [-100, 100] 上搜索），只在 (pi, pi) 处有一口窄井。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="72"/>
        <source>Ravine: an elongated quadratic, curvature 1 along x and 50 along y (condition number 50); minimum 0 at (0, 0).</source>
        <translation>峡谷：拉长的二次函数，x 方向曲率为 1，y 方向曲率为 50（条件数 50）；最小值 0 位于 (0, 0)。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="76"/>
        <source>Saddle: x**2 - y**2 has a saddle point at (0, 0), a minimum along x and a maximum along y; no minimum.</source>
        <translation>鞍面：x**2 - y**2 在 (0, 0) 处有一个鞍点，沿 x 方向是极小、沿 y 方向是极大；没有最小值。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="80"/>
        <source>Monkey saddle: a flat saddle point at (0, 0) (zero gradient and zero curvature) with three valleys; no minimum.</source>
        <translation>猴鞍面：(0, 0) 处是一个平坦的鞍点（梯度和曲率都为零），周围有三条山谷；没有最小值。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="84"/>
        <source>Local vs global: a gentle bowl with a shallow local minimum (lower left) beside a deeper global one (upper right).</source>
        <translation>局部与全局：一个平缓的碗，较浅的局部最小值（左下）旁边是更深的全局最小值（右上）。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="88"/>
        <source>Flat vs sharp: a wide flat minimum (left) beside a narrow sharp one (right) that is slightly deeper.</source>
        <translation>平坦与尖锐：一个宽而平坦的最小值（左）旁边是一个窄而尖锐、稍深一些的最小值（右）。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="92"/>
        <source>Linear regression: mean squared error of the line w*x + b over 80 noisy points; a convex quadratic bowl.</source>
        <translation>线性回归：直线 w*x + b 在 80 个带噪声数据点上的均方误差；一个凸的二次碗。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/text/core_text.py" line="96"/>
        <source>Logistic regression (no bias): mean log-loss of 100 labelled points; convex and smooth, flat far out.</source>
        <translation>逻辑回归（无偏置）：100 个带标签数据点的平均对数损失；凸且光滑，远处平坦。</translation>
    </message>
</context>
</TS>
