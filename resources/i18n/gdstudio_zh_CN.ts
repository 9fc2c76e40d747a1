<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Analysis</name>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="240"/>
        <source>&amp;Analyze</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="241"/>
        <source>&amp;Critical points</source>
        <translation>临界点(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="243"/>
        <source>&amp;Basins of attraction...</source>
        <translation>吸引域(&amp;B)...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="244"/>
        <source>&amp;Learning-rate sweep...</source>
        <translation>学习率扫描(&amp;L)...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="245"/>
        <source>&amp;Stochastic view (batch vs full gradient)</source>
        <translation>随机视图（小批量梯度与全梯度）(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="248"/>
        <source>&amp;Neural-network landscape...</source>
        <translation>神经网络损失地形(&amp;N)...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="249"/>
        <source>&amp;Import loss landscape (.h5)...</source>
        <translation>导入损失地形 (.h5)(&amp;I)...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="251"/>
        <source>Clear analysis overlays</source>
        <translation>清除分析叠加层</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="299"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="341"/>
        <source>Analysis failed</source>
        <translation>分析失败</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="346"/>
        <source>Analysis cancelled.</source>
        <translation>分析已取消。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="417"/>
        <source>Basins of attraction</source>
        <translation>吸引域</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="418"/>
        <source>starts per axis</source>
        <translation>每轴起点数</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="418"/>
        <location filename="../../gdstudio/gui/analysis_views.py" line="462"/>
        <source>steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="460"/>
        <location filename="../../gdstudio/gui/analysis_views.py" line="474"/>
        <source>Learning-rate sweep</source>
        <translation>学习率扫描</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="461"/>
        <source>smallest lr</source>
        <translation>最小 lr</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="461"/>
        <source>largest lr</source>
        <translation>最大 lr</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="462"/>
        <source>learning rates</source>
        <translation>学习率个数</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="539"/>
        <source>This surface has no data rows: every step uses the exact gradient (angle 0°).</source>
        <translation>该曲面没有数据行：每一步都使用精确梯度（夹角 0°）。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="585"/>
        <source>PCA plane of the training trajectory</source>
        <translation>训练轨迹的 PCA 平面</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="586"/>
        <source>filter-normalised random directions</source>
        <translation>滤波器归一化的随机方向</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="588"/>
        <source>Neural-network landscape</source>
        <translation>神经网络损失地形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="589"/>
        <source>plane</source>
        <translation>平面</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="589"/>
        <source>training epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="590"/>
        <source>grid points per axis</source>
        <translation>每轴网格点数</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="637"/>
        <source>Import loss landscape</source>
        <translation>导入损失地形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="638"/>
        <source>loss-landscape surfaces (*.h5 *.hdf5)</source>
        <translation>损失地形曲面 (*.h5 *.hdf5)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="648"/>
        <source>Cannot import loss landscape</source>
        <translation>无法导入损失地形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="673"/>
        <source>Cannot show the landscape</source>
        <translation>无法显示损失地形</translation>
    </message>
</context>
<context>
    <name>CaptionPanel</name>
    <message>
        <location filename="../../gdstudio/gui/lessons_panel.py" line="42"/>
        <source>◀ Previous</source>
        <translation>◀ 上一课</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/lessons_panel.py" line="43"/>
        <source>Previous lesson (Page Up)</source>
        <translation>上一课（Page Up）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/lessons_panel.py" line="44"/>
        <source>Next ▶</source>
        <translation>下一课 ▶</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/lessons_panel.py" line="45"/>
        <source>Next lesson (Page Down)</source>
        <translation>下一课（Page Down）</translation>
    </message>
</context>
<context>
    <name>ContourView</name>
    <message>
        <location filename="../../gdstudio/gui/contour_view.py" line="38"/>
        <source>minimum</source>
        <translation>极小值点</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/contour_view.py" line="39"/>
        <source>saddle</source>
        <translation>鞍点</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/contour_view.py" line="40"/>
        <source>maximum</source>
        <translation>极大值点</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/contour_view.py" line="41"/>
        <source>degenerate</source>
        <translation>退化点</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/contour_view.py" line="115"/>
        <source>loss (log-spaced)</source>
        <translation>损失（对数刻度）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/contour_view.py" line="116"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/contour_view.py" line="138"/>
        <source>known minima: </source>
        <translation>已知最小值点：</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/contour_view.py" line="222"/>
        <source>diverged at step %1</source>
        <translation>在第 %1 步发散</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/contour_view.py" line="319"/>
        <source>%1 at (%2, %3)
loss = %4
Hessian eigenvalues = %5, %6</source>
        <translation>%1，位于 (%2, %3)
损失 = %4
Hessian 特征值 = %5, %6</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/contour_view.py" line="380"/>
        <source>current batch loss</source>
        <translation>当前小批量损失</translation>
    </message>
</context>
<context>
    <name>GraphicsScene</name>
    <message>
        <location filename="../../gdstudio/gui/i18n.py" line="25"/>
        <source>Export...</source>
        <translation>导出...</translation>
    </message>
</context>
<context>
    <name>LessonTour</name>
    <message>
        <location filename="../../gdstudio/gui/lessons_panel.py" line="153"/>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/lessons_panel.py" line="169"/>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/lessons_panel.py" line="174"/>
        <source>&amp;Previous lesson</source>
        <translation>上一课(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/lessons_panel.py" line="176"/>
        <source>&amp;Next lesson</source>
        <translation>下一课(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/lessons_panel.py" line="178"/>
        <source>Show &amp;caption</source>
        <translation>显示讲解(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/lessons_panel.py" line="183"/>
        <source>&amp;Language (captions and interface)</source>
        <translation>语言（讲解与界面）(&amp;L)</translation>
    </message>
</context>
<context>
    <name>LogSlider</name>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="95"/>
        <source>Learning rate (any positive number)</source>
        <translation>学习率（任意正数）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="54"/>
        <source>3D view off: %1
The contour pane and the plots work as usual.</source>
        <translation>三维视图已关闭：%1
等高线图和曲线图照常工作。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="56"/>
        <source>OpenGL is not available here.</source>
        <translation>此处无法使用 OpenGL。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="133"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="135"/>
        <source>&amp;Open scene...</source>
        <translation>打开场景(&amp;O)...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="137"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="139"/>
        <source>Save &amp;as...</source>
        <translation>另存为(&amp;A)...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="140"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="143"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="146"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="148"/>
        <source>Play / pause</source>
        <translation>播放/暂停</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="149"/>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="150"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="151"/>
        <source>Run to end</source>
        <translation>运行到结束</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="153"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="155"/>
        <source>Reset 3D view</source>
        <translation>重置三维视图</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="157"/>
        <location filename="../../gdstudio/gui/main_window.py" line="159"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="174"/>
        <source>Cannot open scene</source>
        <translation>无法打开场景</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="181"/>
        <source>Open scene</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="182"/>
        <location filename="../../gdstudio/gui/main_window.py" line="195"/>
        <source>Scenes (*.toml)</source>
        <translation>场景 (*.toml)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="194"/>
        <source>Save scene</source>
        <translation>保存场景</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="202"/>
        <source>Cannot save scene</source>
        <translation>无法保存场景</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="207"/>
        <source>gdstudio help</source>
        <translation>gdstudio 帮助</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="267"/>
        <source>Autosave failed: %1</source>
        <translation>自动保存失败：%1</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="288"/>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="289"/>
        <source>gdstudio closed with unsaved changes to &quot;%1&quot; (%2).
Recover them?</source>
        <translation>gdstudio 上次关闭时，“%1”有未保存的更改（%2）。
要恢复这些更改吗？</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="293"/>
        <source>Recover unsaved scene</source>
        <translation>恢复未保存的场景</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="301"/>
        <source>Cannot recover scene</source>
        <translation>无法恢复场景</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="331"/>
        <source>Run failed: %1</source>
        <translation>运行失败：%1</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="358"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="359"/>
        <source>Save the changes to this scene before closing?</source>
        <translation>关闭前是否保存对此场景的更改？</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/main_window.py" line="374"/>
        <source>&lt;h3&gt;Gradient Descent Studio&lt;/h3&gt;
&lt;p&gt;The 3D view shows the loss surface with each run lifted onto it and its shadow on the
floor; drag to rotate, scroll to zoom, &lt;b&gt;Reset view&lt;/b&gt; puts the camera back.&lt;/p&gt;
&lt;p&gt;The contour pane shows the same surface from above. Hover for the loss and gradient;
&lt;b&gt;click&lt;/b&gt; to move the selected run&apos;s start, &lt;b&gt;shift-click&lt;/b&gt; to add a run there.&lt;/p&gt;
&lt;p&gt;Keys: Space play/pause, Right one step, Home reset, End run to end,
Ctrl+O open, Ctrl+S save, Ctrl+Q quit, F1 this help.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;梯度下降工作室（Gradient Descent Studio）&lt;/h3&gt;
&lt;p&gt;三维视图显示损失曲面，每条运行轨迹都贴在曲面上，并在底面投下阴影；
拖动可旋转，滚轮可缩放，&lt;b&gt;重置视图&lt;/b&gt;可让相机回到初始位置。&lt;/p&gt;
&lt;p&gt;等高线图从上方显示同一曲面。鼠标悬停可查看损失和梯度；
&lt;b&gt;单击&lt;/b&gt;可移动所选运行的起点，&lt;b&gt;Shift+单击&lt;/b&gt;可在该处添加一个运行。&lt;/p&gt;
&lt;p&gt;快捷键：空格 播放/暂停，右方向键 单步，Home 重置，End 运行到结束，
Ctrl+O 打开，Ctrl+S 保存，Ctrl+Q 退出，F1 本帮助。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ParamDock</name>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="135"/>
        <source>Scene</source>
        <translation>场景</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="170"/>
        <source>Surface</source>
        <translation>曲面</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="178"/>
        <source>(formula)</source>
        <translation>（公式）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="185"/>
        <location filename="../../gdstudio/gui/param_dock.py" line="272"/>
        <location filename="../../gdstudio/gui/param_dock.py" line="275"/>
        <location filename="../../gdstudio/gui/param_dock.py" line="278"/>
        <source>e.g. %1</source>
        <translation>例如 %1</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="201"/>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="203"/>
        <source>Built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="205"/>
        <source>Formula</source>
        <translation>公式</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="207"/>
        <location filename="../../gdstudio/gui/param_dock.py" line="208"/>
        <location filename="../../gdstudio/gui/param_dock.py" line="322"/>
        <location filename="../../gdstudio/gui/param_dock.py" line="323"/>
        <source>%1 range</source>
        <translation>%1 范围</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="216"/>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="223"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="224"/>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="225"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="226"/>
        <source>Colour...</source>
        <translation>颜色...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="241"/>
        <source>Selected run</source>
        <translation>所选运行</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="262"/>
        <source>full batch</source>
        <translation>全批量</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="268"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="280"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="281"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="282"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="284"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="285"/>
        <source>Start</source>
        <translation>起点</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="286"/>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="287"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="288"/>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="289"/>
        <source>parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="290"/>
        <source>Stop rules</source>
        <translation>停止规则</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="291"/>
        <source>SWA</source>
        <translation>SWA（随机权重平均）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="326"/>
        <source>(%1 starts)</source>
        <translation>（%1 个起点）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="332"/>
        <source>Untick to hide this run</source>
        <translation>取消勾选以隐藏此运行</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/param_dock.py" line="363"/>
        <source>%1 (default)</source>
        <translation>%1（默认）</translation>
    </message>
</context>
<context>
    <name>PlotsView</name>
    <message>
        <location filename="../../gdstudio/gui/plots_view.py" line="32"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/plots_view.py" line="63"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/plots_view.py" line="64"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/plots_view.py" line="66"/>
        <source>log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/plots_view.py" line="68"/>
        <source>Plot the loss on a log scale (only when every loss is &gt; 0)</source>
        <translation>以对数刻度绘制损失（仅当所有损失都 &gt; 0 时）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/plots_view.py" line="165"/>
        <source>Log scale needs every loss &gt; 0</source>
        <translation>对数刻度要求所有损失都 &gt; 0</translation>
    </message>
</context>
<context>
    <name>Presenter</name>
    <message>
        <location filename="../../gdstudio/gui/presenter.py" line="59"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/presenter.py" line="69"/>
        <source>&amp;Presenter mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/presenter.py" line="71"/>
        <source>&amp;Light theme</source>
        <translation>浅色主题(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/presenter.py" line="74"/>
        <source>&amp;Full screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/presenter.py" line="76"/>
        <source>Show parameter &amp;dock</source>
        <translation>显示参数面板(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/presenter.py" line="78"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/presenter.py" line="79"/>
        <location filename="../../gdstudio/gui/presenter.py" line="83"/>
        <source>Faster</source>
        <translation>加快</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/presenter.py" line="80"/>
        <source>Slower</source>
        <translation>减慢</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/presenter.py" line="81"/>
        <source>Leave presenter mode</source>
        <translation>退出演示模式</translation>
    </message>
</context>
<context>
    <name>StochasticDock</name>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="206"/>
        <source>Stochastic view</source>
        <translation>随机视图</translation>
    </message>
</context>
<context>
    <name>SurfaceView</name>
    <message>
        <location filename="../../gdstudio/gui/surface_view.py" line="353"/>
        <source>Reset view</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/surface_view.py" line="354"/>
        <source>Put the camera back where it started (Home)</source>
        <translation>让相机回到初始位置（Home）</translation>
    </message>
</context>
<context>
    <name>SweepDock</name>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="162"/>
        <source>Learning-rate sweep</source>
        <translation>学习率扫描</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="167"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/analysis_views.py" line="168"/>
        <source>final loss</source>
        <translation>最终损失</translation>
    </message>
</context>
<context>
    <name>Transport</name>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="33"/>
        <source>as fast as possible</source>
        <translation>尽可能快</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="34"/>
        <source>%1 steps/s</source>
        <translation>%1 步/秒</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="38"/>
        <source>circle</source>
        <translation>圆形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="39"/>
        <source>square</source>
        <translation>方形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="40"/>
        <source>triangle</source>
        <translation>三角形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="41"/>
        <source>diamond</source>
        <translation>菱形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="42"/>
        <source>pentagon</source>
        <translation>五边形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="43"/>
        <source>hexagon</source>
        <translation>六边形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="44"/>
        <source>star</source>
        <translation>星形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="45"/>
        <source>triangle up</source>
        <translation>上三角形</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="54"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="56"/>
        <location filename="../../gdstudio/gui/transport.py" line="210"/>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="57"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="60"/>
        <source>diverged at step %1</source>
        <translation>在第 %1 步发散</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="62"/>
        <source>finished (max steps), %1 steps</source>
        <translation>已完成（达到最大步数），共 %1 步</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="64"/>
        <source>early stopped at step %1</source>
        <translation>在第 %1 步早停</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="66"/>
        <source>stopped (lr below min_lr) at step %1</source>
        <translation>在第 %1 步停止（学习率低于 min_lr）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="96"/>
        <source>%1 running</source>
        <translation>%1 个运行中</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="97"/>
        <source>%1 finished</source>
        <translation>%1 个已完成</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="98"/>
        <source>%1 early stopped</source>
        <translation>%1 个早停</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="99"/>
        <source>%1 stopped at min_lr</source>
        <translation>%1 个因 min_lr 停止</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="100"/>
        <source>%1 diverged</source>
        <translation>%1 个发散</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="103"/>
        <source>first divergence at step %1</source>
        <translation>首次发散于第 %1 步</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="105"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="114"/>
        <location filename="../../gdstudio/gui/transport.py" line="183"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="115"/>
        <source>Play / pause (Space)</source>
        <translation>播放/暂停（空格）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="117"/>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="118"/>
        <source>One step forward (Right arrow)</source>
        <translation>前进一步（右方向键）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="120"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="121"/>
        <source>Back to step 0 (Home)</source>
        <translation>回到第 0 步（Home）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="123"/>
        <source>Run to end</source>
        <translation>运行到结束</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="124"/>
        <source>Compute and show every step (End)</source>
        <translation>计算并显示所有步（End）</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="129"/>
        <source>Playback speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="131"/>
        <source>Timeline: drag to scrub through the steps</source>
        <translation>时间轴：拖动以逐步浏览</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="133"/>
        <location filename="../../gdstudio/gui/transport.py" line="230"/>
        <source>step %1 / %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="142"/>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="183"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/transport.py" line="216"/>
        <source>... and %1 more runs</source>
        <translation>……另有 %1 个运行</translation>
    </message>
</context>
<context>
    <name>display</name>
    <message>
        <location filename="../../gdstudio/gui/display.py" line="81"/>
        <source>loss above %1 clipped for display</source>
        <translation>高于 %1 的损失在显示时被截断</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/display.py" line="85"/>
        <source>%1 grid points overflow (not finite), drawn at the top</source>
        <translation>%1 个网格点溢出（非有限值），画在顶部</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/display.py" line="88"/>
        <source>%1 grid point overflows (not finite), drawn at the top</source>
        <translation>%1 个网格点溢出（非有限值），画在顶部</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/display.py" line="91"/>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <location filename="../../gdstudio/gui/export.py" line="258"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/export.py" line="269"/>
        <source>3D view as PNG...</source>
        <translation>三维视图导出为 PNG...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/export.py" line="270"/>
        <source>Contour pane as PNG or SVG...</source>
        <translation>等高线图导出为 PNG 或 SVG...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/export.py" line="272"/>
        <source>Loss plot as PNG or SVG...</source>
        <translation>损失曲线导出为 PNG 或 SVG...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/export.py" line="274"/>
        <source>Run as GIF or MP4...</source>
        <translation>运行过程导出为 GIF 或 MP4...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/export.py" line="275"/>
        <source>Trajectories as CSV or JSON...</source>
        <translation>轨迹导出为 CSV 或 JSON...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/export.py" line="287"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/export.py" line="292"/>
        <source>Export 3D view</source>
        <translation>导出三维视图</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/export.py" line="293"/>
        <source>Size:</source>
        <translation>尺寸：</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/export.py" line="297"/>
        <source>PNG pictures (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/export.py" line="307"/>
        <source>Export pane</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/export.py" line="308"/>
        <source>PNG or SVG (*.png *.svg)</source>
        <translation>PNG 或 SVG (*.png *.svg)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/export.py" line="325"/>
        <source>3D view</source>
        <translation>三维视图</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/export.py" line="326"/>
        <source>contour pane</source>
        <translation>等高线图</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/export.py" line="327"/>
        <location filename="../../gdstudio/gui/export.py" line="333"/>
        <source>Export run</source>
        <translation>导出运行过程</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/export.py" line="328"/>
        <source>View:</source>
        <translation>视图：</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/export.py" line="334"/>
        <source>Videos (*.mp4 *.gif)</source>
        <translation>视频 (*.mp4 *.gif)</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/export.py" line="343"/>
        <source>Writing frames...</source>
        <translation>正在写入帧...</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/export.py" line="344"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/export.py" line="366"/>
        <source>Export trajectories</source>
        <translation>导出轨迹</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/export.py" line="367"/>
        <source>CSV or JSON (*.csv *.json)</source>
        <translation>CSV 或 JSON (*.csv *.json)</translation>
    </message>
</context>
<context>
    <name>surfaces</name>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="10"/>
        <source>Sphere: the simplest round convex bowl; every method finds its one minimum.</source>
        <translation>球面函数：最简单的圆形凸碗；每种方法都能找到它唯一的最小值。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="13"/>
        <source>Rosenbrock&apos;s banana: a curved, flat-bottomed valley, easy to reach, slow to follow.</source>
        <translation>Rosenbrock 香蕉函数：一条弯曲、谷底平坦的山谷，容易到达，却很难沿着它前进。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="16"/>
        <source>Himmelblau&apos;s function: four equally deep minima; the start decides which one you reach.</source>
        <translation>Himmelblau 函数：四个同样深的最小值；起点决定最终到达哪一个。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="20"/>
        <source>Beale&apos;s function: flat valleys between walls that rise like y**6 at the corners.</source>
        <translation>Beale 函数：平坦的山谷夹在四壁之间，四角处按 y**6 急剧升高。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="23"/>
        <source>Booth&apos;s function: a tilted elongated quadratic bowl (condition number 9).</source>
        <translation>Booth 函数：一个倾斜、拉长的二次碗（条件数 9）。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="26"/>
        <source>Rastrigin&apos;s function: a bowl under an egg crate of regularly spaced local minima.</source>
        <translation>Rastrigin 函数：一个碗上覆盖着蛋托般规则排列的局部最小值。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="29"/>
        <source>Ackley&apos;s function: a bumpy, nearly flat plateau around a deep funnel, with a kink at the minimum.</source>
        <translation>Ackley 函数：深漏斗周围是起伏而近乎平坦的高原，最小值处有一个尖点。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="33"/>
        <source>Goldstein-Price function: values spanning six orders of magnitude, several local minima.</source>
        <translation>Goldstein-Price 函数：函数值跨越六个数量级，有多个局部最小值。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="37"/>
        <source>Six-hump camel: six local minima, two of them global, mirror images through the origin.</source>
        <translation>六峰驼背函数：六个局部最小值，其中两个是全局最小值，关于原点对称。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="41"/>
        <source>Three-hump camel: a global minimum at the origin between two shallower local ones.</source>
        <translation>三峰驼背函数：全局最小值位于原点，两侧各有一个较浅的局部最小值。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="44"/>
        <source>Matyas function: a nearly flat quadratic valley along y = x (condition number 25).</source>
        <translation>Matyas 函数：沿 y = x 方向近乎平坦的二次山谷（条件数 25）。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="47"/>
        <source>Levi function N.13: a rippled valley full of local minima around the global one.</source>
        <translation>Levi 函数 N.13：布满波纹的山谷，全局最小值周围遍布局部最小值。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="50"/>
        <source>Styblinski-Tang function: four basins, one per quadrant; the deepest is at the lower left.</source>
        <translation>Styblinski-Tang 函数：四个盆地，每个象限一个；最深的在左下方。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="54"/>
        <source>McCormick function: a tilted trough with a sine ripple; minimum at (1/2 - pi/3, -1/2 - pi/3).</source>
        <translation>McCormick 函数：带正弦波纹的倾斜槽谷；最小值位于 (1/2 - pi/3, -1/2 - pi/3)。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="58"/>
        <source>Easom function: flat almost everywhere (usually searched on [-100, 100]) with one narrow well at (pi, pi).</source>
        <translation>Easom 函数：几乎处处平坦（通常在 [-100, 100] 上搜索），只在 (pi, pi) 处有一口窄井。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="62"/>
        <source>Ravine: an elongated quadratic, curvature 1 along x and 50 along y (condition number 50); minimum 0 at (0, 0).</source>
        <translation>峡谷：拉长的二次函数，x 方向曲率为 1，y 方向曲率为 50（条件数 50）；最小值 0 位于 (0, 0)。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="66"/>
        <source>Saddle: x**2 - y**2 has a saddle point at (0, 0), a minimum along x and a maximum along y; no minimum.</source>
        <translation>鞍面：x**2 - y**2 在 (0, 0) 处有一个鞍点，沿 x 方向是极小、沿 y 方向是极大；没有最小值。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="70"/>
        <source>Monkey saddle: a flat saddle point at (0, 0) (zero gradient and zero curvature) with three valleys; no minimum.</source>
        <translation>猴鞍面：(0, 0) 处是一个平坦的鞍点（梯度和曲率都为零），周围有三条山谷；没有最小值。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="74"/>
        <source>Local vs global: a gentle bowl with a shallow local minimum (lower left) beside a deeper global one (upper right).</source>
        <translation>局部与全局：一个平缓的碗，较浅的局部最小值（左下）旁边是更深的全局最小值（右上）。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="78"/>
        <source>Flat vs sharp: a wide flat minimum (left) beside a narrow sharp one (right) that is slightly deeper.</source>
        <translation>平坦与尖锐：一个宽而平坦的最小值（左）旁边是一个窄而尖锐、稍深一些的最小值（右）。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="82"/>
        <source>Linear regression: mean squared error of the line w*x + b over 80 noisy points; a convex quadratic bowl.</source>
        <translation>线性回归：直线 w*x + b 在 80 个带噪声数据点上的均方误差；一个凸的二次碗。</translation>
    </message>
    <message>
        <location filename="../../gdstudio/gui/core_text.py" line="86"/>
        <source>Logistic regression (no bias): mean log-loss of 100 labelled points; convex and smooth, flat far out.</source>
        <translation>逻辑回归（无偏置）：100 个带标签数据点的平均对数损失；凸且光滑，远处平坦。</translation>
    </message>
</context>
</TS>
